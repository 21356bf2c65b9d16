/**
 * Claims whose id starts with this are greetings (one per conversation, for as long as the app is
 * installed there): never pruned, unlike form claims (FORM_CLAIM_RETENTION_DAYS).
 */
export const GREETING_CLAIM_PREFIX = 'welcome:';

/**
 * Claims on submitted chat forms (and one-off greetings), by the form's id: the first claim wins,
 * so a form submitted twice (double click, a retried request) files one request only.
 */
export interface FormSubmissions {
  /** True when this call is the first to submit the form. */
  claim(formId: string): Promise<boolean>;
  /** Records what the first submission produced, so a repeat can show the same confirmation. */
  complete(formId: string, result: string): Promise<void>;
  /** Gives the form back when filing failed, so the user can correct it and submit again. */
  release(formId: string): Promise<void>;
  /** Removes the claim whatever its state (e.g. a greeting, when the app is uninstalled). */
  forget(formId: string): Promise<void>;
  result(formId: string): Promise<string | undefined>;
}
