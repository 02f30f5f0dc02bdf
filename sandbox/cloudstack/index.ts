// The CloudStack sandbox cloud: the signed API with async jobs, emulated on one port.
export {
  DEBIAN_TEMPLATE_ID,
  NETWORKS,
  SANDBOX_API_KEY,
  SANDBOX_SECRET_KEY,
  SECURITY_GROUPS,
  SERVICE_OFFERINGS,
  ZONES,
} from './catalogue';
export { API_PATH, CloudStackSandbox, type CloudStackSandboxOptions } from './server';
