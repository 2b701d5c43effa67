// A module path stored in state (README.md beside this folder): the provider every VxcConnection shim loads.
export { provider } from "../../kinds/vxc-connection/vxc-connection";
