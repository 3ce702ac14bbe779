export const PLUGIN_NAME = 'countersign';
export const SIDEBAR_NAME = 'countersign-proposals';
/** The complementary-area identifier PluginSidebar registers under (`plugin/sidebar`). */
export const SIDEBAR_ID = `${ PLUGIN_NAME }/${ SIDEBAR_NAME }`;
/** The query argument e-mail links use to open the editor on one proposal. */
export const DEEP_LINK_ARG = 'countersign';
/** With the deep link, starts "Edit, then approve" on that proposal once the editor is ready (from the queue). */
export const EDIT_ARG = 'countersign_edit';
