-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "FeatureSet" AS ENUM ('ALL', 'CONSOLIDATED_BILLING');

-- CreateEnum
CREATE TYPE "OrganizationsPolicyType" AS ENUM ('SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'DECLARATIVE_POLICY_EC2', 'TAG_POLICY', 'BACKUP_POLICY', 'AISERVICES_OPT_OUT_POLICY', 'CHATBOT_POLICY', 'SECURITYHUB_POLICY', 'SECURITYHUB_CSPM_POLICY', 'INSPECTOR_POLICY', 'UPGRADE_ROLLOUT_POLICY', 'BEDROCK_POLICY', 'S3_POLICY', 'NETWORK_SECURITY_DIRECTOR_POLICY', 'GUARDDUTY_POLICY');

-- CreateEnum
CREATE TYPE "PolicyTypeStatus" AS ENUM ('ENABLED', 'PENDING_ENABLE', 'PENDING_DISABLE');

-- CreateEnum
CREATE TYPE "AccountJoinedMethod" AS ENUM ('CREATED', 'INVITED');

-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('PENDING_ACTIVATION', 'ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE', 'CLOSED', 'INVITED_PENDING');

-- CreateEnum
CREATE TYPE "IamPolicyScope" AS ENUM ('AWS', 'LOCAL');

-- CreateEnum
CREATE TYPE "ResourceShareStatus" AS ENUM ('PENDING', 'ACTIVE', 'FAILED', 'DELETING', 'DELETED');

-- CreateEnum
CREATE TYPE "ResourceSharePrincipalType" AS ENUM ('ACCOUNT', 'ORGANIZATION', 'ORGANIZATIONAL_UNIT', 'IAM_ROLE', 'IAM_USER', 'SERVICE');

-- CreateEnum
CREATE TYPE "ResourceShareAssociationStatus" AS ENUM ('ASSOCIATING', 'ASSOCIATED', 'FAILED', 'DISASSOCIATING', 'DISASSOCIATED');

-- CreateEnum
CREATE TYPE "LandingZoneStatus" AS ENUM ('ACTIVE', 'PROCESSING', 'FAILED');

-- CreateEnum
CREATE TYPE "DriftStatus" AS ENUM ('IN_SYNC', 'DRIFTED', 'UNKNOWN', 'NOT_CHECKING');

-- CreateEnum
CREATE TYPE "ControlOperationStatus" AS ENUM ('SUCCEEDED', 'FAILED', 'UNDER_CHANGE');

-- CreateTable
CREATE TABLE "Design" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Design_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DesignChange" (
    "id" TEXT NOT NULL,
    "designId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "operation" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "author" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DesignChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL,
    "designId" TEXT NOT NULL,
    "awsId" TEXT NOT NULL,
    "featureSet" "FeatureSet" NOT NULL DEFAULT 'ALL',
    "managementAccountId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganizationServiceAccess" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "servicePrincipal" TEXT NOT NULL,
    "enabledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganizationServiceAccess_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Root" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "awsId" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT 'Root',
    "tags" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "Root_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RootPolicyType" (
    "id" TEXT NOT NULL,
    "rootId" TEXT NOT NULL,
    "type" "OrganizationsPolicyType" NOT NULL,
    "status" "PolicyTypeStatus" NOT NULL DEFAULT 'ENABLED',

    CONSTRAINT "RootPolicyType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganizationalUnit" (
    "id" TEXT NOT NULL,
    "rootId" TEXT NOT NULL,
    "parentOuId" TEXT,
    "awsId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "layoutX" DOUBLE PRECISION,
    "layoutY" DOUBLE PRECISION,
    "tags" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrganizationalUnit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "designId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "joinedMethod" "AccountJoinedMethod" NOT NULL DEFAULT 'CREATED',
    "status" "AccountStatus" NOT NULL DEFAULT 'ACTIVE',
    "joinedAt" TIMESTAMP(3),
    "parentRootId" TEXT,
    "parentOuId" TEXT,
    "tags" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganizationPolicy" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "awsId" TEXT NOT NULL,
    "type" "OrganizationsPolicyType" NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "content" TEXT NOT NULL,
    "awsManaged" BOOLEAN NOT NULL DEFAULT false,
    "tags" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrganizationPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicyAttachment" (
    "id" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "rootId" TEXT,
    "ouId" TEXT,
    "accountId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolicyAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DelegatedAdministrator" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "servicePrincipal" TEXT NOT NULL,
    "delegatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DelegatedAdministrator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IamManagedPolicy" (
    "id" TEXT NOT NULL,
    "designId" TEXT NOT NULL,
    "accountId" TEXT,
    "scope" "IamPolicyScope" NOT NULL DEFAULT 'LOCAL',
    "arn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "policyId" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "tags" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IamManagedPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IamManagedPolicyVersion" (
    "id" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IamManagedPolicyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IamUser" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "userId" TEXT,
    "boundaryPolicyId" TEXT,
    "permissionsBoundaryArn" TEXT,
    "tags" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IamUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IamGroup" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "groupId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IamGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IamGroupMembership" (
    "groupId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "IamGroupMembership_pkey" PRIMARY KEY ("groupId","userId")
);

-- CreateTable
CREATE TABLE "IamRole" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "roleId" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "trustPolicy" TEXT NOT NULL,
    "maxSessionDuration" INTEGER NOT NULL DEFAULT 3600,
    "boundaryPolicyId" TEXT,
    "permissionsBoundaryArn" TEXT,
    "tags" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IamRole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IamPolicyAttachment" (
    "id" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "userId" TEXT,
    "groupId" TEXT,
    "roleId" TEXT,

    CONSTRAINT "IamPolicyAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IamInlinePolicy" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "groupId" TEXT,
    "roleId" TEXT,
    "name" TEXT NOT NULL,
    "document" TEXT NOT NULL,

    CONSTRAINT "IamInlinePolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResourcePolicy" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "resourceArn" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "tags" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ResourcePolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResourceShare" (
    "id" TEXT NOT NULL,
    "ownerAccountId" TEXT NOT NULL,
    "arn" TEXT,
    "name" TEXT NOT NULL,
    "region" TEXT,
    "allowExternalPrincipals" BOOLEAN NOT NULL DEFAULT true,
    "status" "ResourceShareStatus" NOT NULL DEFAULT 'ACTIVE',
    "tags" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResourceShare_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResourceShareResource" (
    "id" TEXT NOT NULL,
    "shareId" TEXT NOT NULL,
    "resourceArn" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,

    CONSTRAINT "ResourceShareResource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResourceSharePrincipal" (
    "id" TEXT NOT NULL,
    "shareId" TEXT NOT NULL,
    "principalType" "ResourceSharePrincipalType" NOT NULL,
    "principal" TEXT NOT NULL,
    "status" "ResourceShareAssociationStatus" NOT NULL DEFAULT 'ASSOCIATED',

    CONSTRAINT "ResourceSharePrincipal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResourceSharePermission" (
    "id" TEXT NOT NULL,
    "shareId" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "permissionArn" TEXT NOT NULL,

    CONSTRAINT "ResourceSharePermission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LandingZone" (
    "id" TEXT NOT NULL,
    "designId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "homeRegion" TEXT NOT NULL,
    "governedRegions" TEXT[],
    "securityOuId" TEXT,
    "sandboxOuId" TEXT,
    "logArchiveAccountId" TEXT,
    "auditAccountId" TEXT,
    "status" "LandingZoneStatus" NOT NULL DEFAULT 'ACTIVE',
    "driftStatus" "DriftStatus" NOT NULL DEFAULT 'IN_SYNC',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LandingZone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegisteredOu" (
    "id" TEXT NOT NULL,
    "landingZoneId" TEXT NOT NULL,
    "ouId" TEXT NOT NULL,
    "baselineVersion" TEXT,
    "status" "ControlOperationStatus" NOT NULL DEFAULT 'SUCCEEDED',
    "registeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegisteredOu_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnabledControl" (
    "id" TEXT NOT NULL,
    "landingZoneId" TEXT NOT NULL,
    "controlIdentifier" TEXT NOT NULL,
    "targetOuId" TEXT NOT NULL,
    "status" "ControlOperationStatus" NOT NULL DEFAULT 'SUCCEEDED',
    "driftStatus" "DriftStatus" NOT NULL DEFAULT 'IN_SYNC',
    "parameters" JSONB NOT NULL DEFAULT '[]',
    "enabledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnabledControl_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Design_name_key" ON "Design"("name");

-- CreateIndex
CREATE UNIQUE INDEX "DesignChange_designId_revision_key" ON "DesignChange"("designId", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_designId_key" ON "Organization"("designId");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_managementAccountId_key" ON "Organization"("managementAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationServiceAccess_organizationId_servicePrincipal_key" ON "OrganizationServiceAccess"("organizationId", "servicePrincipal");

-- CreateIndex
CREATE UNIQUE INDEX "Root_organizationId_key" ON "Root"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "RootPolicyType_rootId_type_key" ON "RootPolicyType"("rootId", "type");

-- CreateIndex
CREATE INDEX "OrganizationalUnit_rootId_idx" ON "OrganizationalUnit"("rootId");

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationalUnit_rootId_awsId_key" ON "OrganizationalUnit"("rootId", "awsId");

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationalUnit_parentOuId_name_key" ON "OrganizationalUnit"("parentOuId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationalUnit_rootId_name_top_level_key" ON "OrganizationalUnit"("rootId", "name") WHERE ("parentOuId" IS NULL);

-- CreateIndex
CREATE INDEX "Account_parentOuId_idx" ON "Account"("parentOuId");

-- CreateIndex
CREATE INDEX "Account_parentRootId_idx" ON "Account"("parentRootId");

-- CreateIndex
CREATE UNIQUE INDEX "Account_designId_accountId_key" ON "Account"("designId", "accountId");

-- CreateIndex
CREATE UNIQUE INDEX "Account_designId_email_key" ON "Account"("designId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationPolicy_organizationId_awsId_key" ON "OrganizationPolicy"("organizationId", "awsId");

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationPolicy_organizationId_type_name_key" ON "OrganizationPolicy"("organizationId", "type", "name");

-- CreateIndex
CREATE INDEX "PolicyAttachment_rootId_idx" ON "PolicyAttachment"("rootId");

-- CreateIndex
CREATE INDEX "PolicyAttachment_ouId_idx" ON "PolicyAttachment"("ouId");

-- CreateIndex
CREATE INDEX "PolicyAttachment_accountId_idx" ON "PolicyAttachment"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyAttachment_policyId_rootId_key" ON "PolicyAttachment"("policyId", "rootId");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyAttachment_policyId_ouId_key" ON "PolicyAttachment"("policyId", "ouId");

-- CreateIndex
CREATE UNIQUE INDEX "PolicyAttachment_policyId_accountId_key" ON "PolicyAttachment"("policyId", "accountId");

-- CreateIndex
CREATE INDEX "DelegatedAdministrator_organizationId_idx" ON "DelegatedAdministrator"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "DelegatedAdministrator_accountId_servicePrincipal_key" ON "DelegatedAdministrator"("accountId", "servicePrincipal");

-- CreateIndex
CREATE UNIQUE INDEX "IamManagedPolicy_designId_arn_key" ON "IamManagedPolicy"("designId", "arn");

-- CreateIndex
CREATE UNIQUE INDEX "IamManagedPolicy_accountId_name_key" ON "IamManagedPolicy"("accountId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "IamManagedPolicyVersion_policyId_versionId_key" ON "IamManagedPolicyVersion"("policyId", "versionId");

-- CreateIndex
CREATE UNIQUE INDEX "IamManagedPolicyVersion_one_default_key" ON "IamManagedPolicyVersion"("policyId") WHERE ("isDefault" = true);

-- CreateIndex
CREATE UNIQUE INDEX "IamUser_accountId_name_key" ON "IamUser"("accountId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "IamGroup_accountId_name_key" ON "IamGroup"("accountId", "name");

-- CreateIndex
CREATE INDEX "IamGroupMembership_userId_idx" ON "IamGroupMembership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "IamRole_accountId_name_key" ON "IamRole"("accountId", "name");

-- CreateIndex
CREATE INDEX "IamPolicyAttachment_userId_idx" ON "IamPolicyAttachment"("userId");

-- CreateIndex
CREATE INDEX "IamPolicyAttachment_groupId_idx" ON "IamPolicyAttachment"("groupId");

-- CreateIndex
CREATE INDEX "IamPolicyAttachment_roleId_idx" ON "IamPolicyAttachment"("roleId");

-- CreateIndex
CREATE UNIQUE INDEX "IamPolicyAttachment_policyId_userId_key" ON "IamPolicyAttachment"("policyId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "IamPolicyAttachment_policyId_groupId_key" ON "IamPolicyAttachment"("policyId", "groupId");

-- CreateIndex
CREATE UNIQUE INDEX "IamPolicyAttachment_policyId_roleId_key" ON "IamPolicyAttachment"("policyId", "roleId");

-- CreateIndex
CREATE UNIQUE INDEX "IamInlinePolicy_userId_name_key" ON "IamInlinePolicy"("userId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "IamInlinePolicy_groupId_name_key" ON "IamInlinePolicy"("groupId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "IamInlinePolicy_roleId_name_key" ON "IamInlinePolicy"("roleId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ResourcePolicy_accountId_resourceArn_key" ON "ResourcePolicy"("accountId", "resourceArn");

-- CreateIndex
CREATE INDEX "ResourceShare_ownerAccountId_idx" ON "ResourceShare"("ownerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "ResourceShareResource_shareId_resourceArn_key" ON "ResourceShareResource"("shareId", "resourceArn");

-- CreateIndex
CREATE UNIQUE INDEX "ResourceSharePrincipal_shareId_principal_key" ON "ResourceSharePrincipal"("shareId", "principal");

-- CreateIndex
CREATE UNIQUE INDEX "ResourceSharePermission_shareId_resourceType_key" ON "ResourceSharePermission"("shareId", "resourceType");

-- CreateIndex
CREATE UNIQUE INDEX "LandingZone_designId_key" ON "LandingZone"("designId");

-- CreateIndex
CREATE UNIQUE INDEX "RegisteredOu_ouId_key" ON "RegisteredOu"("ouId");

-- CreateIndex
CREATE INDEX "RegisteredOu_landingZoneId_idx" ON "RegisteredOu"("landingZoneId");

-- CreateIndex
CREATE INDEX "EnabledControl_landingZoneId_idx" ON "EnabledControl"("landingZoneId");

-- CreateIndex
CREATE UNIQUE INDEX "EnabledControl_targetOuId_controlIdentifier_key" ON "EnabledControl"("targetOuId", "controlIdentifier");

-- AddForeignKey
ALTER TABLE "DesignChange" ADD CONSTRAINT "DesignChange_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_managementAccountId_fkey" FOREIGN KEY ("managementAccountId") REFERENCES "Account"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationServiceAccess" ADD CONSTRAINT "OrganizationServiceAccess_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Root" ADD CONSTRAINT "Root_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RootPolicyType" ADD CONSTRAINT "RootPolicyType_rootId_fkey" FOREIGN KEY ("rootId") REFERENCES "Root"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationalUnit" ADD CONSTRAINT "OrganizationalUnit_rootId_fkey" FOREIGN KEY ("rootId") REFERENCES "Root"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationalUnit" ADD CONSTRAINT "OrganizationalUnit_parentOuId_fkey" FOREIGN KEY ("parentOuId") REFERENCES "OrganizationalUnit"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_parentRootId_fkey" FOREIGN KEY ("parentRootId") REFERENCES "Root"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_parentOuId_fkey" FOREIGN KEY ("parentOuId") REFERENCES "OrganizationalUnit"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationPolicy" ADD CONSTRAINT "OrganizationPolicy_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyAttachment" ADD CONSTRAINT "PolicyAttachment_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "OrganizationPolicy"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyAttachment" ADD CONSTRAINT "PolicyAttachment_rootId_fkey" FOREIGN KEY ("rootId") REFERENCES "Root"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyAttachment" ADD CONSTRAINT "PolicyAttachment_ouId_fkey" FOREIGN KEY ("ouId") REFERENCES "OrganizationalUnit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicyAttachment" ADD CONSTRAINT "PolicyAttachment_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DelegatedAdministrator" ADD CONSTRAINT "DelegatedAdministrator_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DelegatedAdministrator" ADD CONSTRAINT "DelegatedAdministrator_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamManagedPolicy" ADD CONSTRAINT "IamManagedPolicy_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamManagedPolicy" ADD CONSTRAINT "IamManagedPolicy_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamManagedPolicyVersion" ADD CONSTRAINT "IamManagedPolicyVersion_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "IamManagedPolicy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamUser" ADD CONSTRAINT "IamUser_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamUser" ADD CONSTRAINT "IamUser_boundaryPolicyId_fkey" FOREIGN KEY ("boundaryPolicyId") REFERENCES "IamManagedPolicy"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamGroup" ADD CONSTRAINT "IamGroup_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamGroupMembership" ADD CONSTRAINT "IamGroupMembership_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "IamGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamGroupMembership" ADD CONSTRAINT "IamGroupMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "IamUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamRole" ADD CONSTRAINT "IamRole_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamRole" ADD CONSTRAINT "IamRole_boundaryPolicyId_fkey" FOREIGN KEY ("boundaryPolicyId") REFERENCES "IamManagedPolicy"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamPolicyAttachment" ADD CONSTRAINT "IamPolicyAttachment_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "IamManagedPolicy"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamPolicyAttachment" ADD CONSTRAINT "IamPolicyAttachment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "IamUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamPolicyAttachment" ADD CONSTRAINT "IamPolicyAttachment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "IamGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamPolicyAttachment" ADD CONSTRAINT "IamPolicyAttachment_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "IamRole"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamInlinePolicy" ADD CONSTRAINT "IamInlinePolicy_userId_fkey" FOREIGN KEY ("userId") REFERENCES "IamUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamInlinePolicy" ADD CONSTRAINT "IamInlinePolicy_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "IamGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IamInlinePolicy" ADD CONSTRAINT "IamInlinePolicy_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "IamRole"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResourcePolicy" ADD CONSTRAINT "ResourcePolicy_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResourceShare" ADD CONSTRAINT "ResourceShare_ownerAccountId_fkey" FOREIGN KEY ("ownerAccountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResourceShareResource" ADD CONSTRAINT "ResourceShareResource_shareId_fkey" FOREIGN KEY ("shareId") REFERENCES "ResourceShare"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResourceSharePrincipal" ADD CONSTRAINT "ResourceSharePrincipal_shareId_fkey" FOREIGN KEY ("shareId") REFERENCES "ResourceShare"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResourceSharePermission" ADD CONSTRAINT "ResourceSharePermission_shareId_fkey" FOREIGN KEY ("shareId") REFERENCES "ResourceShare"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LandingZone" ADD CONSTRAINT "LandingZone_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LandingZone" ADD CONSTRAINT "LandingZone_securityOuId_fkey" FOREIGN KEY ("securityOuId") REFERENCES "OrganizationalUnit"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LandingZone" ADD CONSTRAINT "LandingZone_sandboxOuId_fkey" FOREIGN KEY ("sandboxOuId") REFERENCES "OrganizationalUnit"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LandingZone" ADD CONSTRAINT "LandingZone_logArchiveAccountId_fkey" FOREIGN KEY ("logArchiveAccountId") REFERENCES "Account"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LandingZone" ADD CONSTRAINT "LandingZone_auditAccountId_fkey" FOREIGN KEY ("auditAccountId") REFERENCES "Account"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegisteredOu" ADD CONSTRAINT "RegisteredOu_landingZoneId_fkey" FOREIGN KEY ("landingZoneId") REFERENCES "LandingZone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegisteredOu" ADD CONSTRAINT "RegisteredOu_ouId_fkey" FOREIGN KEY ("ouId") REFERENCES "OrganizationalUnit"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnabledControl" ADD CONSTRAINT "EnabledControl_landingZoneId_fkey" FOREIGN KEY ("landingZoneId") REFERENCES "LandingZone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnabledControl" ADD CONSTRAINT "EnabledControl_targetOuId_fkey" FOREIGN KEY ("targetOuId") REFERENCES "OrganizationalUnit"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------------------
-- Added by hand: CHECK constraints, which the Prisma schema language cannot express (see the header of
-- prisma/schema.prisma). Everything above this line was generated by the schema engine's diff.
-- ---------------------------------------------------------------------------------------------------------------

-- A policy is attached to exactly one target: the root, an OU or an account.
ALTER TABLE "PolicyAttachment" ADD CONSTRAINT "PolicyAttachment_exactly_one_target_check" CHECK (num_nonnulls("rootId", "ouId", "accountId") = 1);

-- A managed policy is attached to exactly one user, group or role, an inline policy has exactly one owner.
ALTER TABLE "IamPolicyAttachment" ADD CONSTRAINT "IamPolicyAttachment_exactly_one_principal_check" CHECK (num_nonnulls("userId", "groupId", "roleId") = 1);
ALTER TABLE "IamInlinePolicy" ADD CONSTRAINT "IamInlinePolicy_exactly_one_owner_check" CHECK (num_nonnulls("userId", "groupId", "roleId") = 1);

-- An account has at most one parent (none when it is outside the organization), and a 12-digit id.
ALTER TABLE "Account" ADD CONSTRAINT "Account_at_most_one_parent_check" CHECK (num_nonnulls("parentRootId", "parentOuId") <= 1);
ALTER TABLE "Account" ADD CONSTRAINT "Account_accountId_twelve_digits_check" CHECK ("accountId" ~ '^[0-9]{12}$');

-- AWS-managed policies belong to no account, customer-managed policies to exactly one.
ALTER TABLE "IamManagedPolicy" ADD CONSTRAINT "IamManagedPolicy_scope_owner_check" CHECK (("scope" = 'AWS') = ("accountId" IS NULL));
