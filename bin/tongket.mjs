#!/usr/bin/env node
// The `tongket` command. The project is TypeScript run as is (no build step): tsx loads it.
import { register } from 'tsx/esm/api';

// Local runs stay on Node 20 (STACK.md); the SDK's reminder that Lambda-side Node 22 is needed says nothing actionable here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

register();
await import('../cli/main.ts');
