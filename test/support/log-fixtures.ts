// The personal data and secrets the tests send, collected from test/**: none of these may
// appear in a log line or in a process's crash output. Patterns (test/support/log-scan.ts)
// catch the rest of their kind; this list catches what no pattern can (names, secrets).
// Add a value here when a test starts sending a new one.

export const FIXTURE_NAMES = [
  'Budi Santoso', 'Siti Aminah', 'Siti Rahmawati', 'Siti Rahma', 'Siti Nurhaliza', 'Dewi Lestari',
  'Andi Wijaya', 'Santoso', 'Rahmawati', 'Nurhaliza', 'Lestari', 'Wijaya', 'Rahayu',
];

/** ADMIN_API_KEY values, webhook secrets and API tokens used by the tests. */
export const FIXTURE_SECRETS = [
  'admin-key-for-tests-0123456789', 'admin-key-for-failure-tests',
  'push-secret-for-tests', 'lapor-webhook-secret', 'rahasia_webhook-123', 'regional-shared-secret',
  'a-secret-of-16-chars', 'webhook-secret_123', 'secret-token', 'sim-token',
  '123456:TEST-token', // the fake Bot API's default bot token
];

/** Distinctive pieces of citizens' texts the tests send. */
export const FIXTURE_TEXTS = [
  'Jl. Melati 7', 'ditahan di kelurahan tanpa alasan', 'anak-anak takut lewat',
];
