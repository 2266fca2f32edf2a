// Ids the chat registers at activation. Kept apart so the activation path can name them without
// loading the chat itself.
export const CHAT_VIEW_ID = 'sambanova.chat';
/** Internal (not in the palette): the open chat switches to the given model; no-op before the chat loads. */
export const CHAT_USE_MODEL_COMMAND = 'sambanova.chat.useModel';
