import conditions from '../../rules/conditions.json';
import techniques from '../../rules/techniques.json';

/** The bundled technique catalog (`rules/techniques.json`), as parsed JSON. */
export const DEFAULT_TECHNIQUES: unknown = techniques;
/** The bundled condition vocabulary (`rules/conditions.json`), as parsed JSON. */
export const DEFAULT_CONDITIONS: unknown = conditions;
