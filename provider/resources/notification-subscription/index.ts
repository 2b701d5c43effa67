// A module path stored in state (README.md beside this folder): the provider every NotificationSubscription shim loads.
export { provider } from "../../kinds/notification-subscription/notification-subscription";
