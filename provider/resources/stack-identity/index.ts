// A module path stored in state (README.md beside this folder): the provider every StackIdentity shim loads.
export { provider } from "../../kinds/stack-identity/stack-identity";
