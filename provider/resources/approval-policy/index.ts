// A module path stored in state (README.md beside this folder): the provider every ApprovalPolicy shim loads.
export { provider } from "../../kinds/approval-policy/approval-policy";
