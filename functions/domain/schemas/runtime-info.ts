// What the portal may know before anyone signs in about the runtime serving it. The local runtime
// (`npm start`) names its seeded demo sign-in, so the sign-in page can say where it is; a
// deployment in AWS answers `aws` and no demo, so nothing of the kind ever shows there.
import { z } from 'zod';

export const RuntimeInfo = z
  .object({
    runtime: z.enum(['local', 'aws']),
    /** Local only: the seeded demo user; the password only while it is the built-in default. */
    demoSignIn: z
      .object({
        email: z.email(),
        /** Absent when DROVER_DEMO_PASSWORD chose another one: that is the operator's to print. */
        password: z.string().min(1).optional(),
      })
      .nullable(),
  })
  .meta({ id: 'RuntimeInfo' });
export type RuntimeInfo = z.infer<typeof RuntimeInfo>;

/** What a deployment in AWS answers: the meta Lambda knows no local demo. */
export const AWS_RUNTIME: RuntimeInfo = { runtime: 'aws', demoSignIn: null };
