/** The command-line tools, as functions (the bins in bin/ call these). Node only. */
export { runExport } from './export-cli.ts';
export { runVerify, type Io } from './verify-cli.ts';
export { readDeviceKey, writeDeviceKey, type DeviceKey, type DeviceKeyFile } from './key-file.ts';
