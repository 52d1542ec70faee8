/** Performance mark set when the health card first renders: bench/sidebar.ts measures open-to-card with it. */
export const HEALTH_CARD_MARK = 'portal-pulse:health-card';
/** Set when the sidebar's one load starts and when its answer arrives: the bench's breakdown. */
export const LOAD_START_MARK = 'portal-pulse:sidebar-load-start';
export const LOAD_END_MARK = 'portal-pulse:sidebar-load-end';
