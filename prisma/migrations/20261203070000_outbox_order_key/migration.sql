-- AlterTable
ALTER TABLE "OutboxJob" ADD COLUMN     "orderKey" TEXT,
ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE INDEX "OutboxJob_orderKey_seq_idx" ON "OutboxJob"("orderKey", "seq");
