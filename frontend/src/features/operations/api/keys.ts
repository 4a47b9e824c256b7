/** Query keys of the operations feature. */
export const operationKeys = {
  all: ['operations'] as const,
  detail: (operationId: string) => [...operationKeys.all, 'detail', operationId] as const,
};
