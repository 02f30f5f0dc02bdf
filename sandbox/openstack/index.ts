// The OpenStack sandbox cloud: Keystone, Nova, Glance, Neutron and Cinder emulated on one port.
export { CIRROS_IMAGE_ID, DEBIAN_IMAGE_ID, FLAVORS, REGIONS } from './catalogue';
export { OpenStackSandbox, type OpenStackSandboxOptions } from './server';
