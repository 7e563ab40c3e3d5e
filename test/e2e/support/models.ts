// Which recognition models the app ships (assets/models.json): the specs that
// need real recognition run when the model of their role is there.
import { listModels, type ModelRole } from '../../../engine/node/index';

export const shipsModel = (role: ModelRole): boolean =>
  listModels().some((m) => m.shipped && m.role === role);
