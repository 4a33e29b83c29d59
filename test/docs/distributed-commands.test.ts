import { documentedCommandsOf } from './documented-commands-suite.ts';

documentedCommandsOf(['docs/distributed.md']);
