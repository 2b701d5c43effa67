// Empty until the test adds the code `pulumi import` printed.
export {};
