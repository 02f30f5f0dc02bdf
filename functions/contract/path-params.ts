// Path parameters several route groups share (an environment, a farm…), each id checked for its kind.
import { z } from 'zod';
import { idOf } from '../domain/schemas/common';

export const EnvParams = z.object({ environmentId: idOf('environment') });
export const CredParams = EnvParams.extend({ credentialsId: idOf('credentials') });
export const RoleParams = z.object({ roleId: idOf('role') });
export const FarmParams = z.object({ farmId: idOf('farm') });
export const ServerParams = FarmParams.extend({ serverId: idOf('server') });
