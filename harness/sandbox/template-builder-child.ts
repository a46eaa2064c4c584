// A process that prepares one template and is killed while it does (template-seed.docker.test.ts): argv[2] is the
// JSON of the TemplateSpec's engine image, its id and the images.
import { ensureEngine } from "../outer-engine/ensure-engine.js";
import { repoRoot } from "../support/paths.js";
import { detectPrivilegeProfile } from "./privilege-profile.js";
import { buildTemplate } from "./template-builder.js";

const { engineImage, engineImageId, images } = JSON.parse(process.argv[2] ?? "{}");
const engine = await ensureEngine({ stateDir: `${repoRoot}/.dockproof` });
const profile = await detectPrivilegeProfile(engineImage, engine.docker);
await buildTemplate({ engine, engineImage, engineImageId, profile, images, log: (line) => process.stdout.write(`${line}\n`) });
