// The offboarding function app: a .NET isolated-worker app (dotnet-isolated 10.0) on Azure Functions Flex Consumption,
// with identity-based storage (no account keys), secrets in Key Vault behind Key Vault references, Application Insights,
// optionally an Event Grid topic for the completion events, and alert rules over the app's metrics (README.md, "Alerts").
// Sized by Zoho's limits, not by compute (README.md, "Scale limits"). infra/bicepconfig.json makes the linter rules that
// matter errors; the tests compile and lint this file and check the compiled template
// (tests/Offboarding.Functions.Tests/Hosting/Deployment/Infrastructure).
// Deploy with `azd up` (azure.yaml at the repository root; this is its infra/main.bicep + main.parameters.json, deployed
// at resource-group scope) or with the az CLI: see README.md, "Deploy to Azure". Every app setting the code reads is set
// here (tests/Offboarding.Functions.Tests/Hosting/Deployment checks it).
targetScope = 'resourceGroup'

@description('Base name for every resource; lowercase letters and digits, 3-16 characters.')
@minLength(3)
@maxLength(16)
param name string

param location string = resourceGroup().location

@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048

@description('Create an Event Grid topic (CloudEvents 1.0 schema) and publish the completion events to it too.')
param enableEventGrid bool = true

// ---- Zoho CRM ----
@allowed([ 'US', 'EU', 'IN', 'AU', 'JP', 'CN', 'CA', 'SA' ])
param zohoDataCenter string = 'US'

@allowed([ 'Production', 'Sandbox', 'Developer' ])
param zohoEnvironment string = 'Production'

@description('OAuth client id of the Zoho self client / server-based client (not a secret).')
param zohoClientId string

@secure()
@description('Zoho OAuth client secret: stored in Key Vault, read through a Key Vault reference.')
param zohoClientSecret string

@secure()
@description('Zoho OAuth refresh token (scopes ZohoCRM.users.ALL, ZohoCRM.settings.roles.ALL, ZohoCRM.org.READ ...): stored in Key Vault.')
param zohoRefreshToken string

param zohoApiVersion string = 'v8'

@description('Zoho calls one instance makes at once (the Zoho client\'s MaxConcurrency, shared by transfers, polls and health checks).')
@minValue(1)
param zohoMaxConcurrency int = 4

@description('The org\'s Zoho CRM API concurrency limit, set by its edition (Free 5, Standard 10, Professional 15, Enterprise 20, Ultimate 25). Zoho, not compute, bounds this app: see README.md, "Scale limits".')
@minValue(1)
@maxValue(25)
param zohoOrgConcurrencyLimit int = 10

// ---- Intake ----
@secure()
@description('Standard Webhooks secrets (whsec_...), comma-separated; two during a rotation. Stored in Key Vault.')
param webhookSecrets string

@secure()
@description('Merge.dev webhook signature keys, comma-separated; empty disables the Merge endpoint. Stored in Key Vault.')
param mergeSignatureKeys string = ''

// ---- Transfer, Poll, Events ----
@description('Zoho user ids or emails never offboarded (break-glass accounts), comma-separated.')
param protectedUsers string = ''

@description('Zoho user id or email that receives the records when the leaver has no usable manager.')
param fallbackUser string = ''

@description('NCRONTAB, six fields: the poll timer. App setting POLL_SCHEDULE, read by the timer trigger as %POLL_SCHEDULE%.')
param pollSchedule string = '*/30 * * * * *'

param eventTypePrefix string = 'com.example'

@description('The sample subscriber\'s Event Grid webhook (functions/Offboarding.Subscriber: https://<its app>/api/eventgrid?code=<its function key>), or any endpoint that takes CloudEvents 1.0 the same way; empty: no subscription.')
@secure()
param subscriberEndpointUrl string = ''
param eventSource string = '/offboarding'

// ---- Operators and the blast-radius hold ----
@description('Client id of the Microsoft Entra ID app registration operators sign in with (App Service Authentication). Operators are the users assigned its app role operatorRole.')
param operatorClientId string

@description('The app role (value) of that registration that makes a caller an operator.')
param operatorRole string = 'Offboarding.Operator'

@description('More offboardings than this accepted within holdWindow trip the blast-radius hold; 0 turns it off.')
param holdThreshold int = 25

@description('Zoho API credits this app may spend per rolling 24 h (the org\'s allowance is shared with every other integration). 0: no budget of its own; only Zoho\'s exhaustion stops it.')
@minValue(0)
param zohoCreditBudget int = 0

@description('Of zohoCreditBudget, the credits kept for the status polls of running jobs.')
@minValue(0)
param zohoCreditReserve int = 0

@description('The hold\'s window, as a .NET TimeSpan (hh:mm:ss).')
param holdWindow string = '01:00:00'

// ---- Alerts ----
@description('Who is emailed when an alert fires. Empty: no action group; the alert rules are deployed all the same and fire into Azure Monitor\'s Alerts view without notifying anyone.')
param alertEmail string = ''

// Scale limits (README.md, "Scale limits"). Every instance runs one Zoho client making at most zohoCallsPerInstance calls
// at once, so instances × zohoCallsPerInstance Zoho calls can be in flight, and that must stay within the org's limit:
// more instances would only queue behind Zoho's 429s. Rounded down, at least one instance; a per-instance concurrency
// above the org's limit is cut to it.
var zohoCallsPerInstance = min(zohoMaxConcurrency, zohoOrgConcurrencyLimit)
var maximumInstanceCount = max(1, zohoOrgConcurrencyLimit / zohoCallsPerInstance)

var suffix = uniqueString(resourceGroup().id, name)
var storageName = take('st${name}${suffix}', 24)
var vaultName = take('kv-${name}-${suffix}', 24)
var deploymentContainer = 'app-package'

// Built-in role definition ids (data-plane roles only: management roles grant no data access).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'       // host keys, timer locks, Flex deployment package
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // queue trigger (incl. poison queue) and the app's queue client
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // offboarding records, due index, token cache, timer leases
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'         // Key Vault references
  eventGridDataSender: 'd5a91429-5739-47e2-a06b-3470a27159e7'         // publish CloudEvents to the topic
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'  // the topic writes dead-lettered events
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Everything authenticates with the app's managed identity: no account keys in use.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainer
}

// The pipeline's queues and tables (StorageNames in the pipeline's Persistence folder), created here so the app's
// identity needs no right to create them; the app's start-up creation finds them in place. The queue trigger's
// poison queue (<queue>-poison, where the Functions host moves a message after maxDequeueCount) is one of them.
resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for queue in [ 'offboarding-requests', 'offboarding-requests-poison', 'offboarding-events' ]: {
  parent: queueService
  name: queue
}]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for table in [ 'offboardings', 'offboardingdue', 'zohotokens', 'zohojobslots', 'offboardingbatches', 'zohocredits' ]: {
  parent: tableService
  name: table
}]

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${name}-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${name}-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

var secrets = {
  'zoho-client-secret': zohoClientSecret
  'zoho-refresh-token': zohoRefreshToken
  'webhook-secrets': webhookSecrets
  'merge-signature-keys': mergeSignatureKeys
}

// Key Vault references resolve into environment variables: the app reads them as plain settings.
var secretRef = '@Microsoft.KeyVault(VaultName=${vaultName};SecretName='

resource vaultSecrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for secret in filter(items(secrets), s => !empty(s.value)): {
  parent: vault
  name: secret.key
  properties: { value: secret.value }
}]

resource topic 'Microsoft.EventGrid/topics@2022-06-15' = if (enableEventGrid) {
  name: 'evgt-${name}-${suffix}'
  location: location
  // Its own identity writes undeliverable events to the dead-letter container (no storage keys: shared keys are off).
  identity: { type: 'SystemAssigned' }
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    // Publishers use Entra ID (the data-sender role below), never topic keys.
    disableLocalAuth: true
  }
}

// Events Event Grid gave up on (retries spent, or the endpoint refused them with a 4xx) land here as blobs, to be read
// and replayed (POST /api/offboardings/{id}/events/replay) once the subscriber is fixed.
resource deadLetterContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = if (enableEventGrid) {
  parent: blobService
  name: 'eventgrid-deadletter'
}

resource topicDeadLetterRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (enableEventGrid) {
  scope: deadLetterContainer
  name: guid(resourceGroup().id, 'eventgrid-deadletter', roles.storageBlobDataContributor)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
    principalId: topic!.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The sample subscriber's subscription: completed and failed only, in the CloudEvents 1.0 schema, retried for a day,
// then dead-lettered rather than dropped.
resource subscriberSubscription 'Microsoft.EventGrid/topics/eventSubscriptions@2022-06-15' = if (enableEventGrid && !empty(subscriberEndpointUrl)) {
  parent: topic
  name: 'sample-subscriber'
  properties: {
    eventDeliverySchema: 'CloudEventSchemaV1_0'
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: subscriberEndpointUrl
        maxEventsPerBatch: 1
      }
    }
    filter: {
      includedEventTypes: [
        '${eventTypePrefix}.offboarding.completed'
        '${eventTypePrefix}.offboarding.failed'
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: { type: 'SystemAssigned' }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: storage.id
          blobContainerName: deadLetterContainer.name
        }
      }
    }
  }
  dependsOn: [ topicDeadLetterRole ]
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${name}-${suffix}'
  location: location
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: 'func-${name}-${suffix}'
  location: location
  kind: 'functionapp,linux'
  // azd finds the app to deploy the `functions` service of azure.yaml to by this tag.
  tags: { 'azd-service-name': 'functions' }
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      minTlsVersion: '1.2'
      // Flex Consumption: no FUNCTIONS_WORKER_RUNTIME / FUNCTIONS_WORKER_RUNTIME_VERSION / FUNCTIONS_EXTENSION_VERSION /
      // WEBSITE_RUN_FROM_PACKAGE / WEBSITE_CONTENTSHARE here; the runtime (dotnet-isolated 10.0) lives in functionAppConfig below.
      appSettings: [
        // Host and app storage, identity-based: the host and the app's own clients read the same settings.
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }
        // The app's OpenTelemetry exports to Azure Monitor when this is set (Diagnostics/TelemetryServiceCollectionExtensions).
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }

        // Binding expression of the poll timer: [TimerTrigger("%POLL_SCHEDULE%")].
        { name: 'POLL_SCHEDULE', value: pollSchedule }

        { name: 'Intake__WebhookSecrets', value: '${secretRef}webhook-secrets)' }
        { name: 'Intake__MergeSignatureKeys', value: empty(mergeSignatureKeys) ? '' : '${secretRef}merge-signature-keys)' }
        { name: 'Intake__MaxBodyBytes', value: '65536' }
        { name: 'Intake__SignatureTolerance', value: '00:05:00' }

        { name: 'Transfer__ProtectedUsers', value: protectedUsers }
        { name: 'Transfer__FallbackUser', value: fallbackUser }
        { name: 'Transfer__SubmittingLease', value: '00:00:30' }
        { name: 'Transfer__MaxDequeueCount', value: '5' }
        { name: 'Transfer__UnconfirmedWindow', value: '01:00:00' }
        { name: 'Transfer__MaxUnconfirmedAttempts', value: '10' }
        { name: 'Transfer__MaxConcurrentJobs', value: '10' }
        { name: 'Transfer__SlotWaitMaxDelay', value: '00:01:00' }

        { name: 'Poll__Backoff', value: '00:00:30,00:01:00,00:02:00,00:05:00,00:10:00' }
        { name: 'Poll__StalledAfter', value: '01:00:00' }
        { name: 'Poll__MaxConcurrency', value: '16' }
        { name: 'Poll__MaxDuePerCycle', value: '500' }
        { name: 'Poll__SweepAfter', value: '00:10:00' }

        { name: 'Events__TypePrefix', value: eventTypePrefix }
        { name: 'Events__Source', value: eventSource }
        { name: 'Events__EventGridEndpoint', value: enableEventGrid ? topic!.properties.endpoint : '' }
        { name: 'Events__EventGridKey', value: '' } // empty: publish with the managed identity
        { name: 'Events__SchemaBaseUri', value: '' } // empty: https://{WEBSITE_HOSTNAME}, where the app serves /api/schemas/{name}

        // Operators sign in through App Service Authentication (authsettingsV2 below); no operator key in Azure.
        { name: 'Operators__Key', value: '' }
        { name: 'Operators__Role', value: operatorRole }
        { name: 'Operators__AllowKeyInAzure', value: 'false' }
        { name: 'Hold__Threshold', value: string(holdThreshold) }
        { name: 'Hold__Window', value: holdWindow }

        { name: 'Zoho__DataCenter', value: zohoDataCenter }
        { name: 'Zoho__Environment', value: zohoEnvironment }
        { name: 'Zoho__AccountsUri', value: '' } // empty: derived from the data centre
        { name: 'Zoho__ApiUri', value: '' }
        { name: 'Zoho__ClientId', value: zohoClientId }
        { name: 'Zoho__ClientSecret', value: '${secretRef}zoho-client-secret)' }
        { name: 'Zoho__RefreshToken', value: '${secretRef}zoho-refresh-token)' }
        { name: 'Zoho__ApiVersion', value: zohoApiVersion }
        { name: 'Zoho__MaxConcurrency', value: string(zohoCallsPerInstance) }
        { name: 'Zoho__MaxRetries', value: '4' }
        { name: 'Zoho__RetryBaseDelay', value: '00:00:00.500' }
        { name: 'Zoho__RetryMaxDelay', value: '00:00:20' }
        { name: 'Zoho__MaxRetryAfter', value: '00:01:00' }
        { name: 'Zoho__RequestTimeout', value: '00:00:30' }
        { name: 'Zoho__RefreshSkew', value: '00:05:00' }
        { name: 'Zoho__UserDirectoryTtl', value: '00:02:00' }
        { name: 'Zoho__UsersPageSize', value: '200' }
        { name: 'Zoho__PortalTransferBatchSize', value: '100' }
        { name: 'Zoho__CreditBudget', value: zohoCreditBudget == 0 ? '' : string(zohoCreditBudget) }
        { name: 'Zoho__CreditReserve', value: string(zohoCreditReserve) }
        { name: 'Zoho__CreditWindow', value: '1.00:00:00' } // Zoho's rolling 24 h
        { name: 'Zoho__CreditProbeInterval', value: '00:01:00' }
        { name: 'Zoho__CreditProbeMaxInterval', value: '00:30:00' }
      ]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
    }
  }
  dependsOn: [ packageContainer, vaultSecrets ]
}

// App Service Authentication (Easy Auth) with Microsoft Entra ID. Anonymous requests still reach the app: the webhooks
// carry signatures and function keys instead of a sign-in, and the app itself requires the operator role on the operator
// routes, reading the X-MS-CLIENT-PRINCIPAL header the platform sets (and strips from callers).
resource auth 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: operatorClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [ 'api://${operatorClientId}', operatorClientId ]
        }
      }
    }
    login: { tokenStore: { enabled: true } }
  }
}

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [ roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor ]: {
  scope: storage
  name: guid(storage.id, app.id, role)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}]

resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, app.id, roles.keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource topicRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (enableEventGrid) {
  scope: topic
  name: guid(resourceGroup().id, app.id, roles.eventGridDataSender)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventGridDataSender)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---- Alerts ----
// Log search alerts over the workspace behind Application Insights. The app's OpenTelemetry metrics (meter
// "Offboarding.Functions", exported by Azure.Monitor.OpenTelemetry.Exporter) land in its AppMetrics table: one row per
// metric, attribute set and export interval (60 s), the metric in Name, the interval's value in Sum (a counter's
// increase, a gauge's value) and the attributes in Properties. Counter rows of an interval without increase are skipped
// by `Sum > 0`, so a rule counts rows that carry news. See README.md, "Alerts".
resource alertActions 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: 'ag-${name}-${suffix}'
  location: 'global'
  properties: {
    groupShortName: take('offboard', 12)
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var alertRules = [
  {
    name: 'poison-message'
    displayName: 'Offboarding request in the poison queue'
    description: 'A request exhausted its deliveries and moved to offboarding-requests-poison; its offboarding ends failed. Look at the offboarding and retry it.'
    severity: 1
    query: 'AppMetrics\n| where Name == "offboarding.poison_messages" and Sum > 0'
    operator: 'GreaterThan'
    threshold: 0
    dimensions: []
  }
  {
    name: 'offboarding-failed-or-stalled'
    displayName: 'Offboarding failed or stalled'
    description: 'An offboarding ended failed, or its Zoho job runs past Poll__StalledAfter. The outcome dimension says which; the operator console lists them.'
    severity: 2
    query: 'AppMetrics\n| where Name == "offboarding.finished" and Sum > 0\n| extend outcome = tostring(Properties.outcome)\n| where outcome in ("failed", "stalled")'
    operator: 'GreaterThan'
    threshold: 0
    dimensions: [ { name: 'outcome', operator: 'Include', values: [ '*' ] } ]
  }
  {
    name: 'hold-open'
    displayName: 'Blast-radius hold open'
    description: 'More than Hold__Threshold offboardings were accepted within Hold__Window: new ones are held until an operator approves or rejects them (GET /api/holds).'
    severity: 1
    query: 'AppMetrics\n| where Name == "offboarding.hold.open" and Sum > 0'
    operator: 'GreaterThan'
    threshold: 0
    dimensions: []
  }
  {
    name: 'credits-exhausted'
    displayName: 'Zoho API credits exhausted'
    description: 'Zoho refused a call because the org\'s API credits are exhausted: every Zoho call of the app waits (a probe at a growing interval) and transfers wait for credits (GET /api/zoho/usage). Find what else spends the org\'s credits, or wait for the rolling 24 h window to free them.'
    severity: 2
    query: 'AppMetrics\n| where Name == "zoho.credits.exhausted" and Sum > 0'
    operator: 'GreaterThan'
    threshold: 0
    dimensions: []
  }
  {
    name: 'poll-heartbeat'
    displayName: 'No poll cycle for 5 minutes'
    description: 'The poll timer has not run for 5 minutes: no Zoho job is watched to its end and no outcome is published. Check that the app runs.'
    severity: 1
    query: 'AppMetrics\n| where Name == "offboarding.poll.cycles" and Sum > 0'
    operator: 'LessThan'
    threshold: 1
    dimensions: []
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for rule in alertRules: {
  name: 'alert-${name}-${rule.name}'
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: rule.displayName
    description: rule.description
    severity: rule.severity
    enabled: true
    scopes: [ logs.id ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: 'Count'
          dimensions: rule.dimensions
          operator: rule.operator
          threshold: rule.threshold
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    autoMitigate: true
    actions: { actionGroups: empty(alertEmail) ? [] : [ alertActions!.id ] }
  }
}]

output functionAppName string = app.name
// azd keeps upper-case outputs in the environment (.azure/<env>/.env).
output AZURE_FUNCTION_APP_NAME string = app.name
output functionAppUrl string = 'https://${app.properties.defaultHostName}'
output storageAccountName string = storage.name
output keyVaultName string = vault.name
output eventGridTopicEndpoint string = enableEventGrid ? topic!.properties.endpoint : ''
