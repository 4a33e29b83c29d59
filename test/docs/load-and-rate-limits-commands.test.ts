import { documentedCommandsOf } from './documented-commands-suite.ts';

documentedCommandsOf(['docs/load-and-rate-limits.md']);
