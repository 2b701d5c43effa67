// A module path stored in state (README.md beside this folder): the provider every MarketplaceProfile shim loads.
export { provider } from "../../kinds/marketplace-profile/marketplace-profile";
