"""Cloud provider rules -> rules/cloud.yaml"""
from common import *

T = r"(?:[^A-Za-z0-9/+=]|$)"     # end of a base64 value: any byte outside the alphabet (NUL, quote, non-ASCII...)
TU = r"(?:[^A-Za-z0-9_-]|$)"     # same for base64url / dashed values


def aws_id(prefix="AKIA"):
    return prefix + r(B32, 16)


def aws_secret():
    return r(ALNUM + "/+", 40)


R = []
AWS_IAM = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html"
AWS_UID = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids"

R.append(rule("aws.access-key-id", "AWS access key ID (long-term IAM user key) — with its secret grants AWS API access as that user",
    "high", r"\b((?:AKIA|A3T[A-Z0-9])[A-Z0-9]{16})\b",
    [f"aws_access_key_id = {aws_id()}", f'"AccessKeyId": "{aws_id()}"', f"key={aws_id('A3TX')}"],
    ["AKIAIOSFODNN7EXAMPLE", "AKIA" + "1234567890abcdef", "XAKIA" + r(B32, 15), "AKIA" + r(B32, 15)],
    [AWS_UID, AWS_IAM], validate="aws-key-id", on_invalid="lower"))
R.append(rule("aws.sts-access-key-id", "AWS temporary access key ID (STS, ASIA…) — with secret and session token grants AWS API access",
    "high", r"\b(ASIA[A-Z0-9]{16})\b",
    [f"AWS_ACCESS_KEY_ID={aws_id('ASIA')}", f'"AccessKeyId":"{aws_id("ASIA")}"'],
    ["ASIAIOSFODNN7EXAMPLE", "ASIA" + r(B32, 12), "asia" + r(B32, 16).lower()],
    [AWS_UID, "https://docs.aws.amazon.com/STS/latest/APIReference/API_Credentials.html"], validate="aws-key-id", on_invalid="lower"))
R.append(rule("aws.secret-access-key", "AWS secret access key — signs AWS API requests (full access of the key's IAM principal)",
    "critical", r"(?i:aws|amazon)[\w.-]{0,20}(?i:secret)[\w.-]{0,20}(?i:key)[\x22'\s:=>]{1,24}([A-Za-z0-9/+]{40})" + T,
    [f"aws_secret_access_key = {aws_secret()}", f'export AWS_SECRET_ACCESS_KEY="{aws_secret()}"',
     f"aws_secret_key: {aws_secret()[:39]}/", f'"AwsSecretKey" => \'{aws_secret()}\''],
    ["aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "export AWS_SECRET_ACCESS_KEY=" + hexs(42),
     "aws_secret_key: " + r(ALNUM, 36), "aws_secret_access_key=${AWS_SECRET}"],
    AWS_IAM, allowlist={"stopwords": ["EXAMPLEKEY"]}))
R.append(rule("aws.key-pair-csv", "AWS access key ID followed by its secret access key (credentials CSV / config) — AWS API access",
    "critical", r"\b(?:AKIA|ASIA)[A-Z2-7]{16}[\x22',;:|\s]{1,6}([A-Za-z0-9/+]{40})" + T,
    [f"deploy,,{aws_id()},{aws_secret()},https://console", f"{aws_id()}:{aws_secret()}", f"'{aws_id('ASIA')}' '{aws_secret()}'"],
    [f"{aws_id()},{r(ALNUM, 32)}", f"{aws_id()} AKIAIOSFODNN7EXAMPLEKEYwJalrXUtnFEMIK7MDENG"],
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#Using_CreateAccessKey"))
R.append(rule("aws.session-token", "AWS session token (temporary STS credentials) — with key id and secret grants AWS API access",
    "high", r"(?i:aws|amz)[\w.-]{0,10}(?i:session|security)[_-]?(?i:token)[\x22'\s:=>]{1,24}([A-Za-z0-9/+=._-]{100,1000})",
    [f'export AWS_SESSION_TOKEN="IQoJb3JpZ2luX2Vj{r(B64, 300)}"', f"aws_session_token = FwoGZXIvYXdzE{r(B64, 200)}",
     f'X-Amz-Security-Token: {r(B64, 160)}'],
    ["aws_session_token = " + r(B64, 60), "AWS_SESSION_TOKEN=${AWS_SESSION_TOKEN}"],
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html"))
R.append(rule("aws.sts-session-token", "AWS STS session token (IQoJb3JpZ2luX2Vj…/FwoGZXIvYXdzE…) — temporary AWS API credentials",
    "high", r"\b((?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE)[A-Za-z0-9/+=]{100,1000})",
    [f"token IQoJb3JpZ2luX2Vj{r(B64, 400)}", f"FwoGZXIvYXdzE{r(B64, 250)}"],
    ["IQoJb3JpZ2luX2Vj" + r(B64, 40), "IQoJb3JpZ2luX2VX" + r(B64, 200)],
    "https://docs.aws.amazon.com/STS/latest/APIReference/API_Credentials.html", min_entropy=4.0))
R.append(rule("aws.mws-auth-token", "Amazon Marketplace Web Service (MWS) auth token — seller API access",
    "high", r"\b(amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b",
    [f"MWS_AUTH_TOKEN=amzn.mws.{uuid()}"], ["amzn.mws.00000000-0000-0000-0000-00000000", "amzn.mws." + hexs(32)],
    "https://developer-docs.amazon.com/sp-api/docs/mws-auth-token"))
R.append(rule("aws.appsync-api-key", "AWS AppSync GraphQL API key — calls the AppSync API",
    "medium", r"\b(da2-[a-z0-9]{26})\b",
    [f"aws_appsync_apiKey: 'da2-{r(LOWALNUM, 26)}'", f"x-api-key: da2-{r(LOWALNUM, 26)}"],
    ["da2-" + r(LOWALNUM, 20), "da3-" + r(LOWALNUM, 26)],
    "https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html#api-key-authorization", min_entropy=3.5))
R.append(rule("aws.account-id", "AWS account ID (identifies an AWS account; reconnaissance value, not a credential)",
    "low", r"(?i:aws)[_-]?(?i:account)[_-]?(?i:id)[\x22'\s:=>]{1,24}([0-9]{12})\b",
    [f'AWSAccountId: "{RNG.randrange(10**11, 10**12)}"', f"aws_account_id={RNG.randrange(10**11, 10**12)}"],
    ["aws_account_id=12345", "aws_account_id=${ACCOUNT}"],
    "https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html"))
R.append(rule("aws.arn", "Amazon Resource Name (names an AWS resource and account; reconnaissance value, not a credential)",
    "low", r"\b(arn:aws(?:-cn|-us-gov|-iso|-iso-b)?:[a-z0-9-]{2,30}:[a-z0-9-]{0,20}:(?:[0-9]{12})?:[A-Za-z0-9_/.:*{}+=,@-]{1,256})",
    [f"arn:aws:iam::{RNG.randrange(10**11, 10**12)}:role/deploy", f'"KeyId": "arn:aws:kms:us-west-2:{RNG.randrange(10**11, 10**12)}:key/{uuid()}"',
     "arn:aws:s3:::corp-bucket/*"],
    ["arn:aws", "urn:aws:iam::123:role/x"],
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html"))

# ---- Azure
def azkey():
    return b64(64)

R.append(rule("azure.storage-account-key", "Azure Storage account key in a connection string — full read/write access to the storage account",
    "critical", r"(?i:AccountName)=[A-Za-z0-9]{1,64};[\s]{0,4}(?i:AccountKey)=([A-Za-z0-9/+]{30,100}={0,2})",
    [f"DefaultEndpointsProtocol=https;AccountName=stor{r(LOWALNUM, 8)};AccountKey={azkey()};EndpointSuffix=core.windows.net",
     f"AccountName=devacct;\nAccountKey={azkey()};"],
    ["AccountName=<YOUR_ACCOUNT_NAME>;AccountKey=<YOUR_ACCOUNT_KEY>;", "AccountName=X;AccountKey=X;", "AccountName={2};AccountKey={3};"],
    "https://learn.microsoft.com/en-us/azure/storage/common/storage-configure-connection-string", min_entropy=3.5))
R.append(ctx_rule("azure.storage-key", "Azure Storage account key (named variable) — full access to the storage account", "critical",
    r"azure[_-]?storage|storage[_-]?account", r"[A-Za-z0-9/+]{86}==", azkey,
    "https://learn.microsoft.com/en-us/azure/storage/common/storage-account-keys-manage",
    ["AZURE_STORAGE_KEY=" + r(B64, 40), "AZURE_STORAGE_KEY=<storage-key>"], keys=["AZURE_STORAGE_KEY", "storageAccountKey", "AZURE_STORAGE_ACCESS_KEY"]))
R.append(rule("azure.cosmosdb-key", "Azure Cosmos DB account key in a connection string — read/write access to the database account",
    "critical", r"(?i:AccountEndpoint)=https://[A-Za-z0-9.-]{1,100}(?::443)?/?;[\s]{0,4}(?i:AccountKey)=([A-Za-z0-9/+]{86}==)",
    [f"AccountEndpoint=https://app{r(LOWALNUM,6)}.documents.azure.com:443/;AccountKey={azkey()};"],
    ["AccountEndpoint=https://localhost:8081/;AccountKey=<key>;", "AccountEndpoint=https://x.documents.azure.com:443/;AccountKey=" + r(B64, 40)],
    "https://learn.microsoft.com/en-us/azure/cosmos-db/secure-access-to-data"))
R.append(rule("azure.cosmosdb-key-named", "Azure Cosmos DB primary/secondary key (named variable) — database account access",
    "critical", r"(?i:cosmos)[\w.-]{0,20}(?i:key)[\x22'\s:=>]{1,24}([A-Za-z0-9/+]{86}==)",
    [f"COSMOS_KEY={azkey()}", f'"CosmosDbPrimaryKey": "{azkey()}"'],
    ["COSMOS_KEY=" + r(B64, 50), "COSMOS_KEY=$(COSMOS_KEY)"],
    "https://learn.microsoft.com/en-us/azure/cosmos-db/secure-access-to-data"))
R.append(rule("azure.sas-token", "Azure shared access signature (SAS) — delegated access to storage resources until expiry",
    "high", r"(?i)\bsv=20[0-9]{2}-[0-9]{2}-[0-9]{2}&[A-Za-z0-9%&=:.,_-]{0,400}?sig=((?:[A-Za-z0-9+/]|%2[bf]){40,64}(?:%3d|=){0,2})",
    [f"https://acct.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2030-01-01T00:00:00Z&st=2024-01-01T00:00:00Z&spr=https&sig={b64(32).replace('+','%2B').replace('/','%2F').replace('=','%3D')}",
     f"?sv=2021-06-08&se=2031-02-02&sr=c&sp=r&sig={b64(32)}"],
    ["?sv=2022-11-02&sig=", "?sv=2022-11-02&sp=r&sig=<signature>", "sig=" + b64(32)],
    "https://learn.microsoft.com/en-us/azure/storage/common/storage-sas-overview"))
R.append(rule("azure.servicebus-sas-key", "Azure Service Bus / Event Hubs / Relay connection string key — send/listen/manage on the namespace",
    "critical", r"(?i:Endpoint)=sb://[A-Za-z0-9.-]{1,200}/?;[\s]{0,4}(?i:SharedAccessKeyName)=[A-Za-z0-9._-]{1,100};[\s]{0,4}(?i:SharedAccessKey)=([A-Za-z0-9/+]{43}=)",
    [f"Endpoint=sb://ns{r(LOWALNUM,6)}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={b64(32)}",
     f"Endpoint=sb://hub.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={b64(32)};EntityPath=events"],
    ["Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=[name];SharedAccessKey=[key]"],
    "https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-authentication-and-authorization"))
R.append(rule("azure.iothub-sas-key", "Azure IoT Hub connection string shared access key — device/registry access to the IoT hub",
    "critical", r"(?i:HostName)=[A-Za-z0-9.-]{1,200}\.azure-devices\.net;[\s]{0,4}(?:(?i:DeviceId|SharedAccessKeyName)=[A-Za-z0-9._:-]{1,128};[\s]{0,4})?(?i:SharedAccessKey)=([A-Za-z0-9/+]{43}=)",
    [f"HostName=hub{r(LOWALNUM,5)}.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey={b64(32)}",
     f"HostName=plant.azure-devices.net;DeviceId=sensor-7;SharedAccessKey={b64(32)}"],
    ["HostName=plant.azure-devices.net;SharedAccessKeyName=x;SharedAccessKey=[Shared Access key goes here];"],
    "https://learn.microsoft.com/en-us/azure/iot-hub/authenticate-authorize-sas"))
R.append(rule("azure.app-configuration-secret", "Azure App Configuration connection string secret — read/write app settings and feature flags",
    "high", r"(?i:azconfig)\.io;[\s]{0,4}(?i:Id)=[A-Za-z0-9:/+=-]{1,80};[\s]{0,4}(?i:Secret)=([A-Za-z0-9/+]{43}=)",
    [f"Endpoint=https://cfg{r(LOWALNUM,5)}.azconfig.io;Id={r(ALNUM,4)}-l0-s0:{r(ALNUM,20)};Secret={b64(32)}"],
    ["Endpoint=https://contoso.azconfig.io;Id=xxx;Secret=xxx"],
    "https://learn.microsoft.com/en-us/azure/azure-app-configuration/howto-best-practices"))
R.append(rule("azure.signalr-access-key", "Azure SignalR / Web PubSub connection string access key — send to and manage hubs",
    "high", r"(?i)\.(?:service\.signalr\.net|webpubsub\.azure\.com)/?;[\s]{0,4}AccessKey=([A-Za-z0-9/+]{43}=)",
    [f"Endpoint=https://chat{r(LOWALNUM,4)}.service.signalr.net;AccessKey={b64(32)};Version=1.0;"],
    ["Endpoint=https://chat.service.signalr.net;AccessKey=<key>;Version=1.0;"],
    "https://learn.microsoft.com/en-us/azure/azure-signalr/concept-connection-string"))
R.append(rule("azure.redis-access-key", "Azure Cache for Redis access key — full access to the cache",
    "high", r"(?i)\.redis\.cache\.windows\.net(?::[0-9]{2,5})?,[\s]{0,4}password=([A-Za-z0-9/+]{43}=)",
    [f"cache{r(LOWALNUM,4)}.redis.cache.windows.net:6380,password={b64(32)},ssl=True,abortConnect=False"],
    ["cache.redis.cache.windows.net:6380,password=<access-key>,ssl=True"],
    "https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-configure#access-keys"))
R.append(rule("azure.entra-client-secret", "Microsoft Entra ID (Azure AD) application client secret — authenticates as the app registration",
    "critical", r"(?i:secret|passw(?:or)?d|credential|client[_-]?key|azure[_-]?key)[\w.-]{0,30}[\x22'\s:=>]{1,24}([A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})",
    [f"AZURE_CLIENT_SECRET={r(ALNUM,3)}8Q~{r(ALNUM + '_~.-', 34)}", f'"clientSecret": "{r(ALNUM,3)}7Q~{r(ALNUM, 31)}"'],
    ["AZURE_CLIENT_SECRET=" + r(ALNUM, 40), "AZURE_CLIENT_SECRET=abc8Q~short"],
    "https://learn.microsoft.com/en-us/entra/identity-platform/howto-create-service-principal-portal#option-3-create-a-new-client-secret"))
R.append(rule("azure.devops-pat", "Azure DevOps personal access token (84-char, AZDO signature) — repos, pipelines, artifacts per scope",
    "critical", r"(?i:pat|token|passw(?:or)?d|secret|devops|ado)[\w.-]{0,30}[\x22'\s:=>]{1,24}([A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4})\b",
    [f"AZURE_DEVOPS_PAT={r(ALNUM,52)}JQQJ99BFACAAAAA{r(ALNUM,9)}AZDO{r(ALNUM,4)}", f"token = '{r(ALNUM,52)}JQQJ98BAACAAAAA{r(ALNUM,9)}AZDO{r(ALNUM,4)}'"],
    ["token = " + r(ALNUM, 76) + "AZDO" + r(ALNUM, 3), r(ALNUM, 76) + "AZDO" + r(ALNUM, 4)],
    "https://learn.microsoft.com/en-us/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate"))
R.append(rule("azure.devops-pat-legacy", "Azure DevOps personal access token (legacy 52-char base32) — repos, pipelines, artifacts per scope",
    "high", r"(?i:pat|token|passw(?:or)?d|secret|devops|ado)[\w.-]{0,30}[\x22'\s:=>]{1,24}([a-z0-9]{52})\b",
    [f'var personalAccessToken = "{r(B32L,52)}";', f"ado_pat = \"{r(B32L,52)}\"", f"AZURE_DEVOPS_EXT_PAT={r(B32L,52)}"],
    [r(B32L, 52), "token = " + r(B32L, 50)],
    "https://learn.microsoft.com/en-us/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate", min_entropy=3.8))
R.append(rule("azure.functions-key", "Azure Functions function/host key — invokes (or administers) the function app",
    "medium", r"(?i:x-functions-key|functions?[_-]?key|azurewebsites\.net/api/[A-Za-z0-9/_-]{1,100}\?code=)[\x22'\s:=>]{0,8}([A-Za-z0-9_-]{54}==)",
    [f"x-functions-key: {b64(40, url=True)}", f"https://fn.azurewebsites.net/api/HttpTrigger?code={b64(40, url=True)}"],
    ["x-functions-key: <key>", "x-functions-key: " + r(ALNUM, 20)],
    "https://learn.microsoft.com/en-us/azure/azure-functions/function-keys-how-to"))
R.append(rule("azure.apim-subscription-key", "Azure API Management / Cognitive Services subscription key — calls the subscribed APIs",
    "medium", r"(?i:Ocp-Apim-Subscription-Key|subscription[_-]?key|cognitive[_-]?services?[_-]?key)[\x22'\s:=>]{1,24}([0-9a-f]{32})\b",
    [f"Ocp-Apim-Subscription-Key: {hexs(32)}", f'"subscriptionKey": "{hexs(32)}"'],
    ["Ocp-Apim-Subscription-Key: {subscription key}", "Ocp-Apim-Subscription-Key: " + hexs(24)],
    "https://learn.microsoft.com/en-us/azure/api-management/api-management-subscriptions"))

# ---- Google Cloud
R.append(rule("gcp.service-account-key-id", "Google Cloud service account key file (private_key_id) — the file's private key authenticates as the service account",
    "high", r"\x22private_key_id\x22\s{0,4}:\s{0,4}\x22([0-9a-f]{40})\b",
    [f'{{"type": "service_account", "project_id": "p", "private_key_id": "{hexs(40)}", "private_key": "..."}}'],
    ['"private_key_id": "' + hexs(32) + '"', '"private_key_id": "<KEY_ID>"'],
    "https://cloud.google.com/iam/docs/keys-create-delete"))
R.append(rule("gcp.service-account-private-key", "Google Cloud service account private key (JSON-escaped PEM) — authenticates as the service account",
    "critical", r"\x22private_key\x22\s{0,4}:\s{0,4}\x22(-----BEGIN (?:RSA )?PRIVATE KEY-----[A-Za-z0-9+/=\\]{100,8000}-----END (?:RSA )?PRIVATE KEY-----)",
    ['"private_key": "-----BEGIN PRIVATE KEY-----\\n' + "\\n".join(r(B64, 64) for _ in range(8)) + '\\n-----END PRIVATE KEY-----\\n",'],
    ['"private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"'],
    "https://cloud.google.com/iam/docs/keys-create-delete"))
R.append(rule("gcp.oauth-client-secret", "Google OAuth 2.0 client secret (GOCSPX-) — acts as the OAuth client (token exchange)",
    "high", r"\b(GOCSPX-[A-Za-z0-9_-]{28})",
    [f'const CLIENTSECRET = "GOCSPX-{r(B64URL, 28)}"', f'"client_secret":"GOCSPX-{r(B64URL, 28)}"'],
    ["GOCSPX-" + r(ALNUM, 20), "GOCSPX-<client-secret>"],
    "https://developers.google.com/identity/protocols/oauth2/web-server#creatingcred", min_entropy=3.5))
R.append(rule("gcp.oauth-client-secret-legacy", "Google OAuth 2.0 client secret (legacy 24-char, named) — acts as the OAuth client",
    "medium", r"(?i:client)[_-]?(?i:secret)[\x22'\s:=>]{1,24}([A-Za-z0-9_-]{24})" + TU,
    [f"'clientSecret' : '{r(B64URL, 24)}'", f'"client_secret":"{r(B64URL, 24)}"'],
    ["client_secret=" + r(ALNUM, 30), "client_secret: <client-secret>"],
    "https://developers.google.com/identity/protocols/oauth2/web-server#creatingcred"))
R.append(rule("gcp.api-key", "Google API key (AIza…) — calls the enabled Google APIs billed to the project",
    "high", r"\b(AIza[0-9A-Za-z_-]{35})",
    [f"var DEVELOPER_KEY = 'AIza{r(B64URL, 35)}';", f"key=AIza{r(B64URL, 35)}&q=x"],
    ["AIza" + r(ALNUM, 20), "AIzaSy<your-api-key>"],
    "https://cloud.google.com/docs/authentication/api-keys", min_entropy=3.5))
R.append(rule("gcp.oauth-access-token", "Google OAuth 2.0 access token (ya29.) — short-lived access to the granted Google APIs",
    "high", r"\b(ya29\.[0-9A-Za-z_-]{20,1000})",
    [f"access_token: 'ya29.{r(B64URL, 150)}'", f"Authorization: Bearer ya29.{r(B64URL, 60)}"],
    ["ya29." + r(ALNUM, 10), "ya29.<token>"],
    "https://developers.google.com/identity/protocols/oauth2", min_entropy=3.5))
R.append(rule("gcp.oauth-refresh-token", "Google OAuth 2.0 refresh token (1//0…) — mints new access tokens for the granted scopes",
    "critical", r"\b(1//0[0-9A-Za-z_-]{40,300})",
    [f'"refresh_token": "1//0{r(B64URL, 100)}"'],
    ["1//0" + r(ALNUM, 10), "file:1//0"],
    "https://developers.google.com/identity/protocols/oauth2#expiration", min_entropy=3.5))
R.append(rule("gcp.fcm-server-key", "Firebase Cloud Messaging legacy server key — sends push messages to all app users",
    "high", r"\b(AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134})",
    [f"FCM_SERVER_KEY=AAAA{r(B64URL,7)}:APA91b{r(B64URL,134)}"],
    ["AAAA" + r(ALNUM,7) + ":APA91b" + r(ALNUM, 40)],
    "https://firebase.google.com/docs/cloud-messaging/auth-server"))

# ---- Other clouds
R.append(rule("alibaba.access-key-id", "Alibaba Cloud AccessKey ID (LTAI…) — with its secret grants Alibaba Cloud API access",
    "high", r"\b(LTAI[A-Za-z0-9]{12,20})\b",
    [f"ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI{r(ALNUM, 20)}", f"accessKeyId: 'LTAI{r(ALNUM, 16)}'"],
    ["LTAI" + r(ALNUM, 8), "LTAIxxxxxxxxxxxxxxxx"],
    "https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair", min_entropy=3.0))
R.append(rule("alibaba.access-key-secret", "Alibaba Cloud AccessKey secret — signs Alibaba Cloud API requests",
    "critical", r"(?i:alibaba|aliyun|alicloud|ali_cloud)[\w.-]{0,25}(?i:secret)[\w.-]{0,10}[\x22'\s:=>]{1,24}([A-Za-z0-9]{30})\b",
    [f"ALIBABA_CLOUD_ACCESS_KEY_SECRET={r(ALNUM, 30)}", f'"aliyun_access_key_secret": "{r(ALNUM, 30)}"'],
    ["ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + r(ALNUM, 20), "ALIBABA_CLOUD_ACCESS_KEY_SECRET=<secret>"],
    "https://www.alibabacloud.com/help/en/ram/user-guide/create-an-accesskey-pair"))
R.append(rule("oci.customer-secret-key", "Oracle Cloud (OCI) customer secret key (S3-compatible) — object storage access",
    "high", r"(?i:oci|oracle)[\w.-]{0,25}(?i:secret)[_-]?(?i:access)?[_-]?(?i:key)[\x22'\s:=>]{1,24}([A-Za-z0-9/+]{43}=|[A-Za-z0-9/+]{44})" + T,
    [f"OCI_SECRET_ACCESS_KEY={b64(32)}", f"oracle_secret_key: {b64(32)}"],
    ["OCI_SECRET_ACCESS_KEY=" + r(B64, 20), "OCI_SECRET_ACCESS_KEY=<secret>"],
    "https://docs.oracle.com/en-us/iaas/Content/Identity/access/managing-user-credentials.htm"))
R.append(rule("oci.auth-token", "Oracle Cloud (OCI) auth token — Swift/registry/API basic-auth password of the user",
    "high", r"(?i:oci|oracle)[\w.-]{0,25}(?i:auth)[_-]?(?i:token)[\x22'\s:=>]{1,24}([A-Za-z0-9+#:;.<>()\[\]{}!_-]{20})\b",
    [f"OCI_AUTH_TOKEN={r(ALNUM + '#:;.()!_-', 20)}x"[:35], f'oci_auth_token: "{r(ALNUM, 20)}"'],
    ["OCI_AUTH_TOKEN=" + r(ALNUM, 10), "OCI_AUTH_TOKEN=${TOKEN}"],
    "https://docs.oracle.com/en-us/iaas/Content/Registry/Tasks/registrygettingauthtoken.htm"))
R.append(rule("ibm.cloud-api-key", "IBM Cloud API key — authenticates as the user or service ID (IAM)",
    "critical", r"(?i:ibm|bluemix|ibmcloud|ic)[\w.-]{0,20}(?i:api)[_-]?(?i:key)[\x22'\s:=>]{1,24}([A-Za-z0-9_-]{44})" + TU,
    [f"IBMCLOUD_API_KEY={r(B64URL, 44)}", f'"ibm_api_key": "{r(B64URL, 44)}"'],
    ["IBMCLOUD_API_KEY=" + r(B64URL, 40), "IBMCLOUD_API_KEY=<api-key>"],
    "https://cloud.ibm.com/docs/account?topic=account-userapikey", min_entropy=3.5))
for pfx, kind, what, sev in [("dop", "personal-access-token", "personal access token — DigitalOcean API access per scope", "critical"),
                             ("doo", "oauth-token", "OAuth access token — DigitalOcean API access for the app", "high"),
                             ("dor", "refresh-token", "OAuth refresh token — mints DigitalOcean access tokens", "high")]:
    R.append(rule(f"digitalocean.{kind}", f"DigitalOcean {what}", sev, rf"\b({pfx}_v1_[a-f0-9]{{64}})\b",
        [f'token = "{pfx}_v1_{hexs(64)}"', f"Authorization: Bearer {pfx}_v1_{hexs(64)}"],
        [f"{pfx}_v1_" + hexs(60), f"{pfx}_v2_" + hexs(64), f"{pfx}_v1_" + "0" * 64],
        "https://docs.digitalocean.com/reference/api/create-personal-access-token/"))
R.append(rule("digitalocean.spaces-secret-key", "DigitalOcean Spaces secret key (named) — S3-compatible object storage access",
    "high", r"(?i:spaces|digitalocean|do)[_-]?(?i:secret)[_-]?(?i:access)?[_-]?(?i:key)[\x22'\s:=>]{1,24}([A-Za-z0-9/+]{43})" + T,
    [f"SPACES_SECRET_KEY={r(B64, 43)}", f"DO_SECRET_ACCESS_KEY: '{r(B64, 43)}'"],
    ["SPACES_SECRET_KEY=" + r(B64, 30), "SPACES_SECRET_KEY=<secret>"],
    "https://docs.digitalocean.com/products/spaces/how-to/manage-access/"))
R.append(rule("linode.api-token", "Linode (Akamai Cloud) personal access token — Linode API access per scope",
    "critical", r"(?i:linode)[\w.-]{0,20}(?i:token|key)[\w.-]{0,10}[\x22'\s:=>]{1,24}([0-9a-f]{64})\b",
    [f"LINODE_TOKEN={hexs(64)}", f'linode_api_key: "{hexs(64)}"'],
    ["LINODE_TOKEN=" + hexs(40), "LINODE_TOKEN=<token>"],
    "https://techdocs.akamai.com/linode-api/reference/get-started#personal-access-tokens"))
R.append(rule("hetzner.cloud-api-token", "Hetzner Cloud API token — read/write access to the Hetzner Cloud project",
    "critical", r"(?i:hetzner|hcloud)[\w.-]{0,20}(?i:token|key)[\w.-]{0,10}[\x22'\s:=>]{1,24}([A-Za-z0-9]{64})\b",
    [f"HCLOUD_TOKEN={r(ALNUM, 64)}", f'hetzner_api_token = "{r(ALNUM, 64)}"'],
    ["HCLOUD_TOKEN=" + r(ALNUM, 32), "HCLOUD_TOKEN=$HCLOUD_TOKEN"],
    "https://docs.hetzner.cloud/#authentication", min_entropy=3.5))
R.append(rule("cloudflare.api-token", "Cloudflare API token (named) — Cloudflare API access per token permissions",
    "high", r"(?i:cloudflare|cf)[_-]?(?i:api)?[_-]?(?i:token)[\x22'\s:=>]{1,24}([A-Za-z0-9_-]{40})" + TU,
    [f"CLOUDFLARE_API_TOKEN={r(B64URL, 40)}", f"CF_API_TOKEN: '{r(B64URL, 40)}'"],
    ["CLOUDFLARE_API_TOKEN=" + r(ALNUM, 30), "CLOUDFLARE_API_TOKEN=<token>"],
    "https://developers.cloudflare.com/fundamentals/api/get-started/create-token/", min_entropy=3.5))
R.append(rule("cloudflare.global-api-key", "Cloudflare global API key — full access to the Cloudflare account",
    "critical", r"(?i:cloudflare|cf)[\w.-]{0,20}(?i:key)[\x22'\s:=>]{1,24}([0-9a-f]{37})\b",
    [f"CLOUDFLARE_API_KEY={hexs(37)}", f"X-Auth-Key: {hexs(37)}".replace("X-Auth-Key", "CF_GLOBAL_API_KEY")],
    ["CLOUDFLARE_API_KEY=" + hexs(32), "CLOUDFLARE_API_KEY=<global-key>"],
    "https://developers.cloudflare.com/fundamentals/api/get-started/keys/"))
R.append(rule("cloudflare.origin-ca-key", "Cloudflare Origin CA key (v1.0-) — issues and revokes origin certificates",
    "high", r"\b(v1\.0-[0-9a-f]{24}-[0-9a-f]{146})\b",
    [f"CF_ORIGIN_CA_KEY=v1.0-{hexs(24)}-{hexs(146)}"], ["v1.0-" + hexs(24) + "-" + hexs(100)],
    "https://developers.cloudflare.com/fundamentals/api/get-started/ca-keys/"))
R.append(rule("heroku.api-key", "Heroku API key (named UUID) — Heroku Platform API access as the user",
    "critical", r"(?i:heroku)[\w.-]{0,25}(?i:key|token)[\w.-]{0,10}[\x22'\s:=>]{1,24}(" + UUID_RXI + r")\b",
    [f"HEROKU_API_KEY: {uuid()}", f'heroku_token = "{uuid()}"'],
    ["curl https://kolkrabbi.heroku.com/apps/" + uuid() + "/github/push", "HEROKU_API_KEY=00000000-0000-0000-0000-000000000000"],
    "https://devcenter.heroku.com/articles/authentication"))
R.append(rule("heroku.api-token-hrku", "Heroku API token (HRKU-) — Heroku Platform API access as the user",
    "critical", r"\b(HRKU-[A-Za-z0-9_-]{20,80})",
    [f"HEROKU_API_KEY=HRKU-AA{r(B64URL, 58)}"], ["HRKU-" + r(ALNUM, 10), "HRKU-<token>"],
    "https://devcenter.heroku.com/articles/authentication", min_entropy=3.5))
R.append(rule("flyio.access-token", "Fly.io access token (fm1/fm2 macaroon) — deploys and manages Fly apps/orgs",
    "critical", r"\b(fm[12][ar]?_[A-Za-z0-9+/=,_-]{100,1000})",
    [f"FLY_API_TOKEN=FlyV1 fm2_{r(B64, 300)}", f"fm1r_{r(B64, 200)}"],
    ["fm2_" + r(B64, 30), "fm3_" + r(B64, 200)],
    "https://fly.io/docs/security/tokens/", min_entropy=4.0))
R.append(rule("flyio.personal-token", "Fly.io personal/OAuth token (fo1_) — manages Fly apps as the user",
    "critical", r"\b(fo1_[A-Za-z0-9_-]{43})",
    [f"FLY_ACCESS_TOKEN=fo1_{r(B64URL, 43)}"], ["fo1_" + r(ALNUM, 20)],
    "https://fly.io/docs/security/tokens/", min_entropy=3.5))
R.append(rule("vercel.access-token", "Vercel access token (named) — Vercel API access for the user or team",
    "high", r"(?i:vercel|now)[_-]?(?i:api)?[_-]?(?i:token|key)[\x22'\s:=>]{1,24}([A-Za-z0-9]{24})\b",
    [f"VERCEL_TOKEN={r(ALNUM, 24)}", f'"vercelToken": "{r(ALNUM, 24)}"'],
    ["VERCEL_TOKEN=" + r(ALNUM, 20), "VERCEL_TOKEN=${{ secrets.VERCEL_TOKEN }}"],
    "https://vercel.com/docs/rest-api#creating-an-access-token", min_entropy=3.5))
R.append(rule("netlify.personal-access-token", "Netlify personal access token (nfp_) — Netlify API access as the user",
    "high", r"\b(nfp_[A-Za-z0-9]{36})\b",
    [f"NETLIFY_AUTH_TOKEN=nfp_{r(ALNUM, 36)}"], ["nfp_" + r(ALNUM, 20), "nfp_<token>"],
    "https://docs.netlify.com/api/get-started/#authentication", min_entropy=3.5))
R.append(rule("netlify.access-token-legacy", "Netlify access token (legacy, named) — Netlify API access as the user",
    "high", r"(?i:netlify)[\w.-]{0,20}(?i:token|key)[\x22'\s:=>]{1,24}([A-Za-z0-9_-]{43})" + TU,
    [f"NETLIFY_AUTH_TOKEN={r(B64URL, 43)}"], ["NETLIFY_AUTH_TOKEN=" + r(ALNUM, 30), "NETLIFY_AUTH_TOKEN=<token>"],
    "https://docs.netlify.com/api/get-started/#authentication", min_entropy=3.5))
R.append(rule("scaleway.secret-key", "Scaleway API secret key — Scaleway API access of the IAM application/user",
    "critical", r"(?i:scaleway|scw)[\w.-]{0,20}(?i:secret)[_-]?(?i:key)[\x22'\s:=>]{1,24}(" + UUID_RX + r")\b",
    [f"SCW_SECRET_KEY={uuid()}", f"scaleway_secret_key: '{uuid()}'"],
    ["SCW_SECRET_KEY=<secret-key>", "SCW_SECRET_KEY=" + hexs(32)],
    "https://www.scaleway.com/en/docs/iam/how-to/create-api-keys/"))
R.append(rule("scaleway.access-key", "Scaleway API access key ID (SCW…) — identifies a Scaleway API key",
    "medium", r"\b(SCW[A-Z0-9]{17})\b",
    [f"SCW_ACCESS_KEY=SCW{r(UPALNUM, 17)}"], ["SCW" + r(UPALNUM, 10), "SCWXXXXXXXXXXXXXXXXX"],
    "https://www.scaleway.com/en/docs/iam/how-to/create-api-keys/", min_entropy=3.0))
R.append(rule("tencent.secret-id", "Tencent Cloud SecretId (AKID…) — with its SecretKey grants Tencent Cloud API access",
    "high", r"\b(AKID[A-Za-z0-9]{32})\b",
    [f"TENCENTCLOUD_SECRET_ID=AKID{r(ALNUM, 32)}"], ["AKID" + r(ALNUM, 20), "AKIDxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
    "https://www.tencentcloud.com/document/product/598/32675", min_entropy=3.5))
R.append(rule("tencent.secret-key", "Tencent Cloud SecretKey (named) — signs Tencent Cloud API requests",
    "critical", r"(?i:tencent|qcloud|tencentcloud)[\w.-]{0,20}(?i:secret)[_-]?(?i:key)[\x22'\s:=>]{1,24}([A-Za-z0-9]{32})\b",
    [f"TENCENTCLOUD_SECRET_KEY={r(ALNUM, 32)}"], ["TENCENTCLOUD_SECRET_KEY=" + r(ALNUM, 20), "TENCENTCLOUD_SECRET_KEY=<key>"],
    "https://www.tencentcloud.com/document/product/598/32675", min_entropy=3.5))
R.append(rule("yandex.cloud-api-key", "Yandex Cloud API key (AQVN…) — service account API access",
    "high", r"\b(AQVN[A-Za-z0-9_-]{35,38})",
    [f"YC_API_KEY=AQVN{r(B64URL, 36)}"], ["AQVN" + r(ALNUM, 20)],
    "https://yandex.cloud/en/docs/iam/concepts/authorization/api-key", min_entropy=3.5))
R.append(rule("yandex.iam-token", "Yandex Cloud IAM token (t1.) — short-lived Yandex Cloud API access",
    "high", r"\b(t1\.9eue[A-Za-z0-9_=-]{50,1000}(?:\.[A-Za-z0-9_=-]{20,200})?)",
    [f"Authorization: Bearer t1.9euelZ{r(B64URL, 120)}.{r(B64URL, 86)}"], ["t1.9eue" + r(ALNUM, 20), "t1.abc" + r(ALNUM, 60)],
    "https://yandex.cloud/en/docs/iam/concepts/authorization/iam-token", min_entropy=3.5))
R.append(rule("yandex.oauth-token", "Yandex OAuth token (y0_/y1_…) — Yandex ID/Cloud access as the user",
    "high", r"\b(y[0-3]_Ag[A-Za-z0-9_-]{50,60})",
    [f"YC_TOKEN=y0_Ag{r(B64URL, 55)}"], ["y0_Ag" + r(ALNUM, 20), "y9_Ag" + r(ALNUM, 55)],
    "https://yandex.cloud/en/docs/iam/concepts/authorization/oauth-token", min_entropy=3.5))
R.append(rule("yandex.static-access-key-id", "Yandex Cloud static access key ID (YCAJ…) — with its secret grants S3-compatible access",
    "medium", r"\b(YCAJ[A-Za-z0-9_-]{21})",
    [f"aws_access_key_id = YCAJ{r(B64URL, 21)}"], ["YCAJ" + r(ALNUM, 10)],
    "https://yandex.cloud/en/docs/iam/concepts/authorization/access-key", min_entropy=3.0))
R.append(rule("vultr.api-key", "Vultr API key (named) — Vultr API access of the account",
    "critical", r"(?i:vultr)[\w.-]{0,20}(?i:key|token)[\x22'\s:=>]{1,24}([A-Z0-9]{36})\b",
    [f"VULTR_API_KEY={r(UPALNUM, 36)}"], ["VULTR_API_KEY=" + r(UPALNUM, 30), "VULTR_API_KEY=<key>"],
    "https://www.vultr.com/api/#section/Authentication", min_entropy=3.5))
R.append(rule("databricks.personal-access-token", "Databricks personal access token (dapi…) — workspace REST API access as the user",
    "critical", r"\b(dapi[0-9a-f]{32}(?:-[0-9]{1,2})?)\b",
    [f"DATABRICKS_TOKEN: 'dapi{hexs(32)}-3'", f"dapi{hexs(32)}"],
    ["dapiDataGetTopLongShortPositionRatio (params?: {})", "dapi" + hexs(20)],
    "https://docs.databricks.com/en/dev-tools/auth/pat.html"))
R.append(rule("databricks.oauth-secret", "Databricks service principal OAuth secret (dose…) — authenticates as the service principal",
    "critical", r"\b(dose[0-9a-f]{32})\b",
    [f"DATABRICKS_CLIENT_SECRET=dose{hexs(32)}"], ["dose" + hexs(20), "doser" + hexs(32)],
    "https://docs.databricks.com/en/dev-tools/auth/oauth-m2m.html"))
R.append(rule("kubernetes.bootstrap-token", "Kubernetes bootstrap token — joins nodes to the cluster (TLS bootstrap)",
    "high", r"(?i:bootstrap)[_-]?(?i:token)[\x22'\s:=>]{1,24}([a-z0-9]{6}\.[a-z0-9]{16})\b",
    [f'BOOTSTRAP_TOKEN: "{r(LOWALNUM, 6)}.{r(LOWALNUM, 16)}"', f"--tls-bootstrap-token {r(LOWALNUM, 6)}.{r(LOWALNUM, 16)}"],
    ["abcdef.0123456789abcdef", "--bootstrap-token abcdef.0123"],
    "https://kubernetes.io/docs/reference/access-authn-authz/bootstrap-tokens/", allowlist={"regexes": ["^abcdef\\.0123456789abcdef$"]}))
R.append(rule("kubernetes.bootstrap-token-secret", "Kubernetes bootstrap token secret (token-secret field) — joins nodes to the cluster",
    "high", r"(?i:token-secret)[\x22'\s:=>]{1,24}([a-z0-9]{16})\b",
    [f"token-id: {r(LOWALNUM, 6)}\ntoken-secret: {r(LOWALNUM, 16)}"], ["token-secret: <secret>", "token-secret: " + r(LOWALNUM, 10)],
    "https://kubernetes.io/docs/reference/access-authn-authz/bootstrap-tokens/#bootstrap-token-secret-format"))
R.append(rule("render.api-key", "Render API key (rnd_) — manages services on the Render account",
    "high", r"\b(rnd_[A-Za-z0-9]{32})\b",
    [f"RENDER_API_KEY=rnd_{r(ALNUM, 32)}"], ["rnd_" + r(ALNUM, 16)],
    "https://render.com/docs/api#1-create-an-api-key", min_entropy=3.5))
R.append(rule("fastly.api-token", "Fastly API token (named) — Fastly API access per token scope",
    "high", r"(?i:fastly)[\w.-]{0,20}(?i:token|key)[\x22'\s:=>]{1,24}([A-Za-z0-9_-]{32})" + TU,
    [f"FASTLY_API_TOKEN={r(B64URL, 32)}"], ["FASTLY_API_TOKEN=" + r(ALNUM, 20), "FASTLY_API_TOKEN=<token>"],
    "https://www.fastly.com/documentation/reference/api/auth-tokens/user/", min_entropy=3.5))
R.append(rule("akamai.edgegrid-token", "Akamai EdgeGrid client/access token (akab-) — half of an Akamai API credential",
    "high", r"\b(akab-[a-z0-9]{16}-[a-z0-9]{16})\b",
    [f"client_token = akab-{r(LOWALNUM, 16)}-{r(LOWALNUM, 16)}", f"access_token = akab-{r(LOWALNUM, 16)}-{r(LOWALNUM, 16)}"],
    ["akab-" + r(LOWALNUM, 16), "akab-xxxxxxxxxxxxxxxx-xxxxxxxxxxxxxxxx"],
    "https://techdocs.akamai.com/developer/docs/set-up-authentication-credentials"))
R.append(rule("akamai.edgegrid-client-secret", "Akamai EdgeGrid client secret — signs Akamai API requests",
    "critical", r"(?i:client_secret)\s{0,4}=\s{0,4}([A-Za-z0-9/+]{43}=)",
    [f"client_secret = {b64(32)}"], ["client_secret = " + r(ALNUM, 24), "client_secret = <secret>"],
    "https://techdocs.akamai.com/developer/docs/set-up-authentication-credentials"))
R.append(rule("aiven.service-password", "Aiven service password (AVNS_) — logs in to the managed database/service",
    "high", r"\b(AVNS_[A-Za-z0-9_-]{21})",
    [f"postgres://avnadmin:AVNS_{r(ALNUM, 21)}@pg-x.aivencloud.com:12691/defaultdb"], ["AVNS_" + r(ALNUM, 10)],
    "https://aiven.io/docs/platform/concepts/authentication-tokens", min_entropy=3.5))
R.append(rule("tailscale.api-key", "Tailscale key (tskey-…) — API, auth (device join) or OAuth client access to the tailnet",
    "high", r"\b(tskey-(?:api|auth|client|scim|webhook)-[A-Za-z0-9]{8,24}-[A-Za-z0-9]{20,64})\b",
    [f"TS_AUTHKEY=tskey-auth-k{r(ALNUM, 11)}CNTRL-{r(ALNUM, 33)}", f"tskey-api-k{r(ALNUM, 11)}CNTRL-{r(ALNUM, 33)}"],
    ["tskey-auth-" + r(ALNUM, 8), "tskey-foo-" + r(ALNUM, 12) + "-" + r(ALNUM, 30)],
    "https://tailscale.com/kb/1085/auth-keys", min_entropy=3.5))
R.append(rule("backblaze.application-key", "Backblaze B2 application key (K00…, named) — B2 bucket access per key capabilities",
    "high", r"(?i:b2|backblaze)[\w.-]{0,20}(?i:key)[\x22'\s:=>]{1,24}(K00[0-9][A-Za-z0-9+/]{27})\b",
    [f"B2_APPLICATION_KEY=K00{RNG.randrange(10)}{r(ALNUM, 27)}"], ["B2_APPLICATION_KEY=" + r(ALNUM, 31), "B2_APPLICATION_KEY=K001"],
    "https://www.backblaze.com/docs/cloud-storage-application-keys"))

HEADER = """DumpSentry default rules: cloud providers (AWS, Azure, Google Cloud, Alibaba, Oracle, IBM,
DigitalOcean, Linode, Hetzner, Cloudflare, Heroku, Fly.io, Vercel, Netlify, Scaleway, Tencent, Yandex, ...).
Example values are randomly generated fakes (scripts/rulegen/cloud.py), never real credentials.
Every pattern: PCRE2 + Vectorscan compatible, bounded repeats, literal/keyword anchored,
secret ends at any byte outside its alphabet (NUL, control, non-ASCII)."""

if __name__ == "__main__":
    import sys
    n = emit(sys.argv[1] if len(sys.argv) > 1 else "rules/cloud.yaml", HEADER, R)
    print(n, "rules")
