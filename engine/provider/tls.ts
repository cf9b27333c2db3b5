/** Entry point of the stand-in `pulumi-resource-tls` (see README.md). */
import { serve } from "./serve";

void serve("tls");
