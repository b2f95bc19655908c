-- Officers and agencies (issue 10): roles and hashed API keys, /admin sessions, the audit
-- log, the officers' Telegram threads, claims, and integrations added through the admin API.

-- AlterTable
ALTER TABLE "Integration" ADD COLUMN "secrets" TEXT,
ADD COLUMN "source" TEXT NOT NULL DEFAULT 'env',
ADD COLUMN "removedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN "claimedBy" TEXT,
ADD COLUMN "claimedByName" TEXT,
ADD COLUMN "claimedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Officer" ADD COLUMN "role" TEXT NOT NULL DEFAULT 'officer',
ADD COLUMN "apiKeyHash" TEXT;

-- CreateTable
CREATE TABLE "OfficerSession" (
    "tokenHash" TEXT NOT NULL,
    "officerId" TEXT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfficerSession_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "officerId" TEXT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "source" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfficerThread" (
    "complaintId" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "topicId" INTEGER,
    "rootMessageId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfficerThread_pkey" PRIMARY KEY ("complaintId")
);

-- CreateTable
CREATE TABLE "OfficerPost" (
    "chatId" TEXT NOT NULL,
    "messageId" INTEGER NOT NULL,
    "complaintId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfficerPost_pkey" PRIMARY KEY ("chatId","messageId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Officer_apiKeyHash_key" ON "Officer"("apiKeyHash");

-- CreateIndex
CREATE UNIQUE INDEX "Officer_telegramId_key" ON "Officer"("telegramId");

-- CreateIndex
CREATE INDEX "Officer_agencyId_idx" ON "Officer"("agencyId");

-- CreateIndex
CREATE INDEX "OfficerSession_officerId_idx" ON "OfficerSession"("officerId");

-- CreateIndex
CREATE INDEX "AuditEntry_agencyId_at_idx" ON "AuditEntry"("agencyId", "at");

-- AddForeignKey
ALTER TABLE "OfficerSession" ADD CONSTRAINT "OfficerSession_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
