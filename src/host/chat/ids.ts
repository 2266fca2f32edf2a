// Ids the chat registers at activation. Kept apart so the activation path can name them without
// loading the chat itself.
export const CHAT_VIEW_ID = 'sambanova.chat';
