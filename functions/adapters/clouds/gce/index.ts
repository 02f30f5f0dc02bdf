// The GCE cloud driver.
export { createGceDriver, GceCloudDriver, type GceDriverOptions } from './gce-cloud-driver';
