declare module 'zendesk_app_framework_sdk' {
  /** Returns the client, or false when the page was not opened by Zendesk (no origin/app_guid). */
  const ZAFClient: { init(callback?: (context: unknown) => void): unknown };
  export default ZAFClient;
}
