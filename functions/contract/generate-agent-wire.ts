// Writes agent-wire.ts from the agent's routes (see wire-routes.ts).
import { writeFileSync } from 'node:fs';
import { AGENT_CONTRACT } from './agent-routes';
import { wireModule } from './wire-routes';

writeFileSync(new URL('./agent-wire.ts', import.meta.url), wireModule(AGENT_CONTRACT));
