-- AlterTable
ALTER TABLE "Complaint" ADD COLUMN     "escalatedAt" TIMESTAMP(3);
