/** Entry point of the stand-in `pulumi-resource-aws` (see README.md). */
import { serve } from "./serve";

void serve("aws");
