// A module path stored in every stack's state (README.md beside this folder): the provider each ApprovalPolicy shim loads.
import { dynamicProvider } from "../../dynamic/dynamic-provider";

export const provider = dynamicProvider("ApprovalPolicy");
