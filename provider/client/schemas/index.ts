// Every response and request shape the client speaks, for the client, the resources and the simulator.
// Must never: declare a shape (those live in the area modules; this file only re-exports).

export * from "./scalars";
export * from "./envelope";
export * from "./token";
export * from "./locations";
export * from "./partner-ports";
export * from "./products";
export * from "./vxc-order";
export * from "./vxc-update";
export * from "./resource-tags";
export * from "./service-keys";
export * from "./users";
export * from "./notification-preferences";
export * from "./marketplace-profile";
export * from "./pricing";
export * from "./order-approvals";
