/** The label and name rules are shared with the manager's drift check and the tests' hand-started runs. */
export { containerLabels as labels, containerNameFor } from '@contract/container-shape';
