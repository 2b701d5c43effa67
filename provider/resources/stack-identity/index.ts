// A module path stored in every stack's state (README.md beside this folder): the provider the StackIdentity shim
// loads. It talks to no API, so it needs neither configure's settings nor the engine-facing error shaping.
export { provider } from "../../kinds/stack-identity/stack-identity";
