// Used only by `npm run db:diff`: Prisma's JS schema engine (WASM) through a driver
// adapter, so no engine binary is downloaded. Needs a reachable PostgreSQL.
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

export default defineConfig({
  experimental: { adapter: true },
  schema: '../prisma/schema.prisma',
  engine: 'js',
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DIFF_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' }),
});
