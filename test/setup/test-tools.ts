// The programs `npm test` needs from the machine, as data: each with its Debian package, how to
// tell it is there, and which tests need it. ensure-test-tools.ts checks (and on Debian as root,
// installs) them before any test runs, so a missing one fails at second 1, not at minute 13.

/** How to tell a tool is there: a file at a fixed path, a command on PATH, or a Python module. */
export type ToolProbe =
  | { kind: 'file'; path: string }
  | { kind: 'command'; name: string }
  | { kind: 'python-module'; module: string };

export interface TestTool {
  /** The Debian package that provides it. */
  debianPackage: string;
  probe: ToolProbe;
  /** Which tests need it, for the install line and the message. */
  neededBy: string;
}

/**
 * Debian's own Python: the python3-* packages install into its dist-packages, which a pyenv or
 * venv python3 earlier on PATH does not see. DROVER_TEST_PYTHON points elsewhere (tests do).
 */
export const testPython = (env: NodeJS.ProcessEnv): string => env.DROVER_TEST_PYTHON ?? '/usr/bin/python3';

/** CHROMIUM_PATH is the variable test/e2e/support/chromium.ts launches, so check and use agree. */
export function testTools(env: NodeJS.ProcessEnv): TestTool[] {
  return [
    {
      debianPackage: 'chromium',
      probe: { kind: 'file', path: env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
      neededBy: 'the portal e2e tests (test/e2e)',
    },
    {
      debianPackage: 'awscli',
      probe: { kind: 'command', name: 'aws' },
      neededBy: 'the aws CLI against the EC2 sandbox',
    },
    {
      debianPackage: 'python3-openstackclient',
      probe: { kind: 'command', name: 'openstack' },
      neededBy: 'the openstack CLI against the OpenStack sandbox',
    },
    {
      debianPackage: 'python3-openstacksdk',
      probe: { kind: 'python-module', module: 'openstack' },
      neededBy: 'the OpenStack SDK against the OpenStack sandbox',
    },
    {
      debianPackage: 'cs',
      // Debian installs the upstream `cs` command as `cloudstack` (a `cs` was already taken).
      probe: { kind: 'command', name: 'cloudstack' },
      neededBy: 'the CloudStack client against the CloudStack sandbox',
    },
    {
      debianPackage: 'python3-boto3',
      probe: { kind: 'python-module', module: 'boto3' },
      neededBy: 'boto3 against the AWS sandboxes',
    },
  ];
}
