-- CreateEnum
CREATE TYPE "IdentityCenterPrincipalType" AS ENUM ('USER', 'GROUP');

-- CreateTable
CREATE TABLE "IdentityCenterInstance" (
    "id" TEXT NOT NULL,
    "designId" TEXT NOT NULL,
    "instanceArn" TEXT NOT NULL,
    "identityStoreId" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "region" TEXT NOT NULL DEFAULT 'us-east-1',
    "ownerAccountId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdentityCenterInstance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdentityStoreUser" (
    "id" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "givenName" TEXT NOT NULL DEFAULT '',
    "familyName" TEXT NOT NULL DEFAULT '',
    "email" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdentityStoreUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdentityStoreGroup" (
    "id" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdentityStoreGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdentityStoreGroupMembership" (
    "id" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "IdentityStoreGroupMembership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PermissionSet" (
    "id" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "permissionSetArn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "sessionDuration" TEXT NOT NULL DEFAULT 'PT1H',
    "relayState" TEXT,
    "managedPolicyArns" JSONB NOT NULL DEFAULT '[]',
    "customerManagedPolicies" JSONB NOT NULL DEFAULT '[]',
    "inlinePolicy" TEXT,
    "boundaryManagedPolicyArn" TEXT,
    "boundaryCustomerPolicyName" TEXT,
    "boundaryCustomerPolicyPath" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PermissionSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountAssignment" (
    "id" TEXT NOT NULL,
    "permissionSetId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "principalType" "IdentityCenterPrincipalType" NOT NULL,
    "userId" TEXT,
    "groupId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IdentityCenterInstance_designId_key" ON "IdentityCenterInstance"("designId");

-- CreateIndex
CREATE UNIQUE INDEX "IdentityStoreUser_instanceId_userId_key" ON "IdentityStoreUser"("instanceId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "IdentityStoreUser_instanceId_userName_key" ON "IdentityStoreUser"("instanceId", "userName");

-- CreateIndex
CREATE UNIQUE INDEX "IdentityStoreGroup_instanceId_groupId_key" ON "IdentityStoreGroup"("instanceId", "groupId");

-- CreateIndex
CREATE UNIQUE INDEX "IdentityStoreGroup_instanceId_displayName_key" ON "IdentityStoreGroup"("instanceId", "displayName");

-- CreateIndex
CREATE INDEX "IdentityStoreGroupMembership_userId_idx" ON "IdentityStoreGroupMembership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "IdentityStoreGroupMembership_groupId_userId_key" ON "IdentityStoreGroupMembership"("groupId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "PermissionSet_instanceId_permissionSetArn_key" ON "PermissionSet"("instanceId", "permissionSetArn");

-- CreateIndex
CREATE UNIQUE INDEX "PermissionSet_instanceId_name_key" ON "PermissionSet"("instanceId", "name");

-- CreateIndex
CREATE INDEX "AccountAssignment_accountId_idx" ON "AccountAssignment"("accountId");

-- CreateIndex
CREATE INDEX "AccountAssignment_userId_idx" ON "AccountAssignment"("userId");

-- CreateIndex
CREATE INDEX "AccountAssignment_groupId_idx" ON "AccountAssignment"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "AccountAssignment_permissionSetId_accountId_userId_key" ON "AccountAssignment"("permissionSetId", "accountId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "AccountAssignment_permissionSetId_accountId_groupId_key" ON "AccountAssignment"("permissionSetId", "accountId", "groupId");

-- AddForeignKey
ALTER TABLE "IdentityCenterInstance" ADD CONSTRAINT "IdentityCenterInstance_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentityCenterInstance" ADD CONSTRAINT "IdentityCenterInstance_ownerAccountId_fkey" FOREIGN KEY ("ownerAccountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentityStoreUser" ADD CONSTRAINT "IdentityStoreUser_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "IdentityCenterInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentityStoreGroup" ADD CONSTRAINT "IdentityStoreGroup_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "IdentityCenterInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentityStoreGroupMembership" ADD CONSTRAINT "IdentityStoreGroupMembership_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "IdentityStoreGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentityStoreGroupMembership" ADD CONSTRAINT "IdentityStoreGroupMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "IdentityStoreUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PermissionSet" ADD CONSTRAINT "PermissionSet_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "IdentityCenterInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountAssignment" ADD CONSTRAINT "AccountAssignment_permissionSetId_fkey" FOREIGN KEY ("permissionSetId") REFERENCES "PermissionSet"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountAssignment" ADD CONSTRAINT "AccountAssignment_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountAssignment" ADD CONSTRAINT "AccountAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "IdentityStoreUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountAssignment" ADD CONSTRAINT "AccountAssignment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "IdentityStoreGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Added by hand (Prisma cannot declare CHECK constraints): an assignment names exactly the principal its type says.
ALTER TABLE "AccountAssignment" ADD CONSTRAINT "AccountAssignment_one_principal_check" CHECK (
  ("principalType" = 'USER' AND "userId" IS NOT NULL AND "groupId" IS NULL) OR
  ("principalType" = 'GROUP' AND "groupId" IS NOT NULL AND "userId" IS NULL)
);
