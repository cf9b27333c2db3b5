/**
 * bastion-network: a three-tier AWS network with a bastion host, per stack, from one config object.
 * `pulumi up` runs this file; `npm start` runs the same program offline under mocks.
 */
import { loadSettings } from "./config";
import { buildStack } from "./stack";

// Config is validated in full before the first resource is registered (loadSettings throws a
// ConfigError, shown without a stack trace, listing every problem).
export = buildStack(loadSettings());
