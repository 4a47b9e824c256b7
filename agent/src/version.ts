/** Reported in `hello`; bump with protocol-visible agent changes. */
export const agentVersion = '0.1.0';
