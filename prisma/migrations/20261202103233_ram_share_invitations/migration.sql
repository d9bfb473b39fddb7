-- CreateEnum
CREATE TYPE "ResourceShareInvitationStatus" AS ENUM ('PENDING', 'ACCEPTED', 'REJECTED', 'EXPIRED');

-- AlterTable
ALTER TABLE "ResourceSharePrincipal" ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "invitationArn" TEXT,
ADD COLUMN     "invitationStatus" "ResourceShareInvitationStatus",
ADD COLUMN     "statusMessage" TEXT;

-- AlterTable
ALTER TABLE "ResourceSharePermission" ADD COLUMN     "permissionVersion" INTEGER;
