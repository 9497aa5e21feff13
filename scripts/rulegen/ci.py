"""CI/CD, package registries, secret managers -> rules/ci-packages.yaml"""
from common import *

T = r"(?:[^A-Za-z0-9/+=]|$)"
TU = r"(?:[^A-Za-z0-9_-]|$)"
S = r"[\x22'\s:=>,]{1,24}"
R = []


def named(id, name, sev, kw, secret_rx, mk, refs, keys, negs, **kw2):
    pat = rf"(?i:{kw})[\w.-]{{0,30}}{S}({secret_rx})"
    exs = []
    for i, k in enumerate(keys):
        v = mk()
        exs.append([f"{k}={v}", f'"{k}": "{v}"', f"{k}: '{v}'"][i % 3])
    return rule(id, name, sev, pat, exs, negs, refs, **kw2)


# ---- CI
R.append(rule("circleci.personal-token", "CircleCI personal API token (CCIPAT_) — CircleCI API access as the user",
    "high", r"\b(CCIPAT_[A-Za-z0-9]{22}_[0-9a-f]{40})\b",
    [f"CIRCLE_TOKEN=CCIPAT_{r(ALNUM, 22)}_{hexs(40)}"], ["CCIPAT_" + r(ALNUM, 22), "CCIPAT_<token>"],
    "https://circleci.com/docs/managing-api-tokens/"))
R.append(rule("circleci.project-token", "CircleCI project API token (CCIPRJ_) — CircleCI API access to one project",
    "high", r"\b(CCIPRJ_[A-Za-z0-9]{22}_[0-9a-f]{40})\b",
    [f"CIRCLE_PROJECT_TOKEN=CCIPRJ_{r(ALNUM, 22)}_{hexs(40)}"], ["CCIPRJ_" + r(ALNUM, 12)],
    "https://circleci.com/docs/managing-api-tokens/"))
R.append(named("circleci.token-legacy", "CircleCI API token (legacy 40-hex, named) — CircleCI API access", "high",
    r"circle[_-]?(?:ci)?[_-]?(?:api)?[_-]?token|circle[_-]?token", r"[0-9a-f]{40}", lambda: hexs(40),
    "https://circleci.com/docs/managing-api-tokens/", ["CIRCLE_TOKEN", "circleci_api_token"], ["CIRCLE_TOKEN=" + hexs(30), "CIRCLE_TOKEN=$CIRCLE_TOKEN"]))
R.append(named("travis.api-token", "Travis CI API token (named) — Travis CI API access as the user", "high",
    r"travis", r"[A-Za-z0-9_-]{22}", lambda: r(B64URL, 22), "https://docs.travis-ci.com/user/triggering-builds/",
    ["TRAVIS_API_TOKEN", "travis_token"], ["TRAVIS_TOKEN=" + r(ALNUM, 12), "TRAVIS_TOKEN=<token>"], min_entropy=3.5))
R.append(rule("jenkins.api-token", "Jenkins API token / password / crumb (named) — Jenkins API access as the user",
    "high", r"(?i:jenkins)[\w.-]{0,30}(?i:token|passw(?:or)?d|pwd|crumb|api[_-]?key|secret)[\w.-]{0,10}[\x22'\s:=>,]{1,24}([0-9a-f]{32,34}|" + UUID_RX + r")\b",
    [f"jenkins_passwd = '11{hexs(32)}'", f"export JENKINS_TOKEN=11{hexs(32)}", f"-H 'Jenkins-Crumb:{hexs(32)}'",
     f'readonly static string jenkinsToken = "{uuid()}";'],
    ["https://wiki.jenkins-ci.org/display/JENKINS/Build+Token+Root+Plugin commit/" + hexs(40), "JENKINS_TOKEN=${JENKINS_TOKEN}"],
    "https://www.jenkins.io/doc/book/using/remote-access-api/"))
R.append(rule("jenkins.initial-admin-password", "Jenkins initial admin password (setup wizard) — administrator login to a fresh Jenkins",
    "high", r"(?i:password to proceed to installation:|initialAdminPassword[\x22'\s:=]{0,4})\s{0,10}([0-9a-f]{32})\b",
    [f"Please use the following password to proceed to installation:\n\n{hexs(32)}\n\nThis may also be found at: /var/jenkins_home/secrets/initialAdminPassword"],
    ["password to proceed to installation: <password>"], "https://www.jenkins.io/doc/book/installing/linux/#unlocking-jenkins"))
R.append(rule("buildkite.api-token", "Buildkite API access token (bkua_) — Buildkite REST/GraphQL API access",
    "high", r"\b(bkua_[0-9a-f]{40})\b", [f"BUILDKITE_API_TOKEN=bkua_{hexs(40)}"], ["bkua_" + hexs(20)],
    "https://buildkite.com/docs/apis/managing-api-tokens"))
R.append(named("buildkite.agent-token", "Buildkite agent registration token (named) — registers agents that run jobs", "high",
    r"buildkite[_-]?agent[_-]?token", r"[0-9a-f]{50}", lambda: hexs(50), "https://buildkite.com/docs/agent/v3/tokens",
    ["BUILDKITE_AGENT_TOKEN", "buildkite_agent_token"], ["BUILDKITE_AGENT_TOKEN=" + hexs(20)]))
R.append(named("codecov.upload-token", "Codecov upload token (named) — uploads coverage reports for the repository", "medium",
    r"codecov[_-]?(?:upload[_-]?|repo[_-]?)?token", UUID_RX, uuid, "https://docs.codecov.com/docs/codecov-tokens",
    ["CODECOV_TOKEN", "codecov_token"], ["CODECOV_TOKEN=${{ secrets.CODECOV_TOKEN }}", "CODECOV_TOKEN=" + hexs(20)]))
R.append(named("codeclimate.reporter-id", "Code Climate test reporter ID / repo token (named) — uploads coverage for the repository", "low",
    r"codeclimate[_-]?repo[_-]?token|cc[_-]?test[_-]?reporter[_-]?id", r"[0-9a-f]{64}", lambda: hexs(64),
    "https://docs.codeclimate.com/docs/finding-your-test-coverage-token", ["CODECLIMATE_REPO_TOKEN", "CC_TEST_REPORTER_ID"],
    ["CC_TEST_REPORTER_ID=" + hexs(40), "CC_TEST_REPORTER_ID=${{ secrets.CC }}"]))
R.append(named("codacy.api-token", "Codacy API / project token (named) — Codacy API access or coverage upload", "medium",
    r"codacy[_-]?(?:api|project|account)?[_-]?token", r"[0-9a-f]{32}|[A-Za-z0-9]{20}", lambda: hexs(32),
    "https://docs.codacy.com/codacy-api/api-tokens/", ["CODACY_PROJECT_TOKEN", "codacy_api_token"], ["CODACY_PROJECT_TOKEN=<token>"]))
R.append(named("coveralls.repo-token", "Coveralls repo token (named) — uploads coverage for the repository", "low",
    r"coveralls[_-]?(?:repo)?[_-]?token", r"[A-Za-z0-9]{32,37}", lambda: r(ALNUM, 33), "https://docs.coveralls.io/api-introduction",
    ["COVERALLS_REPO_TOKEN", "coveralls_repo_token"], ["COVERALLS_REPO_TOKEN=" + r(ALNUM, 20)], min_entropy=3.5))
for kind, pfx, what, sev in [("user-token", "squ", "user token — SonarQube API/analysis access as the user", "high"),
                             ("project-token", "sqp", "project analysis token — runs analyses of one project", "medium"),
                             ("global-token", "sqa", "global analysis token — runs analyses of any project", "high")]:
    R.append(rule(f"sonarqube.{kind}", f"SonarQube {what}", sev, rf"\b({pfx}_[0-9a-f]{{40}})\b",
        [f"SONAR_TOKEN={pfx}_{hexs(40)}", f"-Dsonar.token={pfx}_{hexs(40)}"], [f"{pfx}_" + hexs(30), f"{pfx}_<token>"],
        "https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/"))
R.append(rule("sonarqube.token-legacy", "SonarQube/SonarCloud token (legacy 40-hex, named) — analysis/API access",
    "medium", r"(?i:sonar)[\w.-]{0,20}(?i:login|token)[\x22'\s:=>,]{1,24}([0-9a-f]{40})\b",
    [f"-Dsonar.login={hexs(40)}", f"sonar.login', '{hexs(40)}", f'$sonarLogin = "{hexs(40)}"'],
    ["sonarqube-reporter-1.2.4.tgz#" + hexs(40), "/d:sonar.login=$(SONAR_LOGIN)"],
    "https://docs.sonarsource.com/sonarqube-cloud/managing-your-account/managing-tokens/"))
R.append(named("snyk.api-token", "Snyk API token (named) — Snyk API/CLI access as the user or service account", "high",
    r"snyk[_-]?(?:api)?[_-]?(?:token|key)", UUID_RX, uuid, "https://docs.snyk.io/snyk-api/authentication-for-api",
    ["SNYK_TOKEN", "snyk_api_token", "SNYK_API_KEY"], ["SNYK_TOKEN=${{ secrets.SNYK_TOKEN }}", "SNYK_TOKEN=" + hexs(20)]))
R.append(rule("sentry.org-auth-token", "Sentry organization auth token (sntrys_) — release/upload API access of the org",
    "high", r"\b(sntrys_eyJ[A-Za-z0-9+/=_-]{50,1000})",
    [f"SENTRY_AUTH_TOKEN=sntrys_eyJpYXQiOjE3MDAwMDAwMDAuMCwidXJsIjoiaHR0cHM6Ly9zZW50cnkuaW8i{r(B64, 60)}_{r(B64, 43)}"],
    ["sntrys_eyJ" + r(ALNUM, 20), "sntrys_<token>"], "https://docs.sentry.io/account/auth-tokens/", min_entropy=4.0))
R.append(rule("sentry.user-auth-token", "Sentry user auth token (sntryu_) — Sentry API access as the user",
    "high", r"\b(sntryu_[0-9a-f]{64})\b", [f"SENTRY_AUTH_TOKEN=sntryu_{hexs(64)}"], ["sntryu_" + hexs(32)],
    "https://docs.sentry.io/account/auth-tokens/"))
R.append(named("sentry.auth-token-legacy", "Sentry auth token (legacy 64-hex, named) — Sentry API access", "high",
    r"sentry[_-]?(?:auth)?[_-]?token", r"[0-9a-f]{64}", lambda: hexs(64), "https://docs.sentry.io/account/auth-tokens/",
    ["SENTRY_AUTH_TOKEN", "sentry_token"], ["SENTRY_AUTH_TOKEN=" + hexs(40)]))
R.append(rule("teamcity.access-token", "TeamCity access token (eyJ0eXAiOiAiVENWMiJ9…) — TeamCity REST API access as the user",
    "high", r"\b(eyJ0eXAiOiAiVENWMiJ9\.[A-Za-z0-9_-]{36}\.[A-Za-z0-9_-]{48})",
    [f'<add key="ClearTextPassword" value="eyJ0eXAiOiAiVENWMiJ9.{r(B64URL, 36)}.{r(B64URL, 48)}" />'],
    ["eyJ0eXAiOiAiVENWMiJ9." + r(ALNUM, 10)], "https://www.jetbrains.com/help/teamcity/configuring-your-user-profile.html#Managing+Access+Tokens"))
R.append(rule("octopus.api-key", "Octopus Deploy API key (API-…) — Octopus API access as the user",
    "high", r"\b(API-[A-Z0-9]{26,32})\b", [f"OCTOPUS_API_KEY=API-{r(UPALNUM, 27)}"], ["API-" + r(UPALNUM, 10), "API-KEY-PLACEHOLDER"],
    "https://octopus.com/docs/octopus-rest-api/how-to-create-an-api-key", min_entropy=3.5))
R.append(rule("harness.personal-access-token", "Harness personal access / service account token (pat./sat.) — Harness API access",
    "high", r"\b((?:pat|sat)\.[A-Za-z0-9_-]{22}\.[0-9a-f]{24}\.[A-Za-z0-9]{20})\b",
    [f"HARNESS_API_KEY=pat.{r(B64URL, 22)}.{hexs(24)}.{r(ALNUM, 20)}", f"sat.{r(B64URL, 22)}.{hexs(24)}.{r(ALNUM, 20)}"],
    ["pat." + r(ALNUM, 22) + "." + hexs(24)], "https://developer.harness.io/docs/platform/automation/api/add-and-manage-api-keys/"))
R.append(named("drone.token", "Drone CI token (named) — Drone API access as the user", "high",
    r"drone[_-]?token", r"[A-Za-z0-9]{32}", lambda: r(ALNUM, 32), "https://docs.drone.io/cli/setup/",
    ["DRONE_TOKEN", "drone_token"], ["DRONE_TOKEN=" + r(ALNUM, 20)], min_entropy=3.5))
R.append(rule("youtrack.permanent-token", "JetBrains YouTrack/Hub permanent token (perm:) — API access as the user",
    "high", r"\b(perm:[A-Za-z0-9+/=_-]{4,100}\.[A-Za-z0-9+/=_-]{4,100}\.[A-Za-z0-9]{20,40})",
    [f"Authorization: Bearer perm:cm9vdA==.NDctMQ==.{r(ALNUM, 30)}"], ["perm:read.write", "perm:" + r(ALNUM, 10)],
    "https://www.jetbrains.com/help/youtrack/server/manage-permanent-token.html"))
R.append(rule("dtrack.api-key", "OWASP Dependency-Track API key (odt_) — Dependency-Track API access of the team",
    "high", r"\b(odt_[A-Za-z0-9]{32,40})\b", [f"DTRACK_API_KEY=odt_{r(ALNUM, 32)}", f"odt_{r(ALNUM, 40)}"],
    ["odt_" + r(ALNUM, 12), r(ALNUM, 32)], "https://docs.dependencytrack.org/integrations/rest-api/", min_entropy=3.5))

# ---- Package registries
R.append(rule("npm.access-token", "npm access token (npm_) — publish/read packages as the user",
    "critical", r"\b(npm_[A-Za-z0-9]{36})\b",
    [f"//registry.npmjs.org/:_authToken={crc_token('npm_')}", f"NPM_TOKEN={crc_token('npm_')}"],
    ["npm_" + r(ALNUM, 20), 'export NPM_TOKEN="' + uuid() + '"', "npm_" + "x" * 36],
    "https://docs.npmjs.com/about-access-tokens", validate="npm-token", on_invalid="lower"))
R.append(rule("npm.auth-token-legacy", "npm registry auth token (legacy UUID in .npmrc) — publish/read packages",
    "high", r"(?i:_authToken)\s{0,3}=\s{0,3}(" + UUID_RX + r")\b",
    [f"//registry.npmjs.org/:_authToken={uuid()}"], ["//registry.npmjs.org/:_authToken=${NPM_TOKEN}", 'export NPM_TOKEN="' + uuid() + '"'],
    "https://docs.npmjs.com/cli/v10/configuring-npm/npmrc#auth-related-configuration"))
R.append(rule("npm.legacy-auth", "npm registry basic auth (_auth / _password in .npmrc) — registry login as the user",
    "high", r"(?i:_auth|_password)\s{0,3}=\s{0,3}\x22?([A-Za-z0-9+/]{8,400}={0,2})",
    [f"_auth={b64(24)}", f"//npm.corp.example/:_password={b64(18)}"], ["_auth=${NPM_AUTH}", "_authToken=" + uuid()],
    "https://docs.npmjs.com/cli/v10/configuring-npm/npmrc#auth-related-configuration", min_entropy=3.0))
R.append(rule("pypi.upload-token", "PyPI API token (pypi-AgEI…) — uploads packages to PyPI as the user/project",
    "critical", r"\b(pypi-AgE[IN][A-Za-z0-9_-]{50,1000})",
    [f"password = {pypi_token()}", f"TWINE_PASSWORD={pypi_token()}"], ["pypi-AgEI" + r(ALNUM, 20), "pypi-<token>"],
    "https://pypi.org/help/#apitoken", validate="pypi-token", on_invalid="lower"))
R.append(rule("rubygems.api-key", "RubyGems API key (rubygems_) — pushes/yanks gems as the owner",
    "critical", r"\b(rubygems_[0-9a-f]{48})\b", [f"GEM_HOST_API_KEY=rubygems_{hexs(48)}", f"Authorization:rubygems_{hexs(48)}"],
    ["rubygems_" + hexs(32), "rubygems_<key>"], "https://guides.rubygems.org/api-key-scopes/"))
R.append(rule("nuget.api-key", "NuGet.org API key (oy2…) — pushes/unlists packages as the owner",
    "critical", r"\b(oy2[a-z0-9]{43})\b", [f"nuget push pkg.nupkg oy2{r(LOWALNUM, 43)} -Source https://api.nuget.org/v3/index.json"],
    ["oy2" + r(LOWALNUM, 20), "oy2" + "x" * 43], "https://learn.microsoft.com/en-us/nuget/nuget-org/publish-a-package#create-an-api-key",
    min_entropy=3.5))
R.append(rule("cratesio.api-token", "crates.io API token (cio…) — publishes/yanks crates as the owner",
    "critical", r"\b(cio[A-Za-z0-9]{32})\b", [f"CARGO_REGISTRY_TOKEN=cio{r(ALNUM, 32)}", f"Bearer: cio{r(ALNUM, 32)}"],
    ["cio" + r(ALNUM, 20), "ciocioCIOcio"], "https://doc.rust-lang.org/cargo/reference/publishing.html#before-your-first-publish",
    min_entropy=3.5))
R.append(rule("dockerhub.personal-access-token", "Docker Hub personal access token (dckr_pat_) — push/pull images as the user",
    "critical", r"\b(dckr_pat_[A-Za-z0-9_-]{27})", [f"docker login -u ci -p dckr_pat_{r(B64URL, 27)}", f"DOCKERHUB_TOKEN=dckr_pat_{r(B64URL, 27)}"],
    ["dckr_pat_" + r(ALNUM, 10), "dckr_pat_<token>"], "https://docs.docker.com/security/for-developers/access-tokens/", min_entropy=3.5))
R.append(rule("dockerhub.org-access-token", "Docker Hub organization access token (dckr_oat_) — push/pull the organization's images",
    "critical", r"\b(dckr_oat_[A-Za-z0-9_-]{32})", [f"DOCKER_PASSWORD=dckr_oat_{r(B64URL, 32)}"], ["dckr_oat_" + r(ALNUM, 10)],
    "https://docs.docker.com/security/for-admins/access-tokens/", min_entropy=3.5))
R.append(rule("docker.config-auth", "Docker config.json registry credential (auths…auth: base64 user:password) — registry login",
    "high", r"\x22auths\x22\s{0,4}:\s{0,4}\{\s{0,8}\x22[A-Za-z0-9.:/_-]{1,200}\x22\s{0,4}:\s{0,4}\{\s{0,8}\x22auth\x22\s{0,4}:\s{0,4}\x22([A-Za-z0-9+/]{8,400}={0,2})",
    ['{"auths": {"https://index.docker.io/v1/": {"auth": "' + __import__("base64").b64encode(("ci:" + r(ALNUM, 24)).encode()).decode() + '"}}}'],
    ['{"auths": {"ghcr.io": {"auth": ""}}}', '{"auths": {}}'], "https://docs.docker.com/reference/cli/docker/login/#credential-stores"))
R.append(rule("artifactory.api-key", "JFrog Artifactory API key (AKCp…) — repository read/write as the user",
    "high", r"\b(AKCp[A-Za-z0-9]{69})\b", [f"ARTIFACTORY_API_KEY=AKCp{r(ALNUM, 69)}", f"jfrog rt dl --apikey=AKCp{r(ALNUM, 69)} repo/x"],
    ["AKCp" + r(ALNUM, 30)], "https://jfrog.com/help/r/jfrog-platform-administration-documentation/api-keys", min_entropy=3.5))
R.append(rule("artifactory.reference-token", "JFrog reference token (cmVmdGtu…) — JFrog Platform access per token scope",
    "high", r"\b(cmVmdGtuOjAxOj[A-Za-z0-9]{50,60})\b", [f"JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOj{r(ALNUM, 50)}"], ["cmVmdGtuOjAxOj" + r(ALNUM, 10)],
    "https://jfrog.com/help/r/jfrog-platform-administration-documentation/access-tokens", min_entropy=3.5))
R.append(named("packagecloud.api-token", "packagecloud API token (named) — pushes packages to packagecloud repositories", "high",
    r"packagecloud[_-]?token", r"[0-9a-f]{48}", lambda: hexs(48), "https://packagecloud.io/docs/api#api_tokens",
    ["PACKAGECLOUD_TOKEN", "packagecloud_token"], ["PACKAGECLOUD_TOKEN=" + hexs(20)]))
R.append(named("cloudsmith.api-key", "Cloudsmith API key (named) — Cloudsmith API and package push access", "high",
    r"cloudsmith[_-]?api[_-]?key", r"[0-9a-f]{40}", lambda: hexs(40), "https://help.cloudsmith.io/docs/api-key",
    ["CLOUDSMITH_API_KEY", "cloudsmith_api_key"], ["CLOUDSMITH_API_KEY=" + hexs(20)]))
R.append(named("gemfury.push-token", "Gemfury (fury.io) push/deploy token (named) — pushes or installs private packages", "high",
    r"fury[_-]?(?:push|deploy|api)?[_-]?token", r"[A-Za-z0-9_-]{20}", lambda: r(B64URL, 20), "https://gemfury.com/help/tokens/",
    ["FURY_PUSH_TOKEN", "fury_token"], ["FURY_TOKEN=" + r(ALNUM, 10), "FURY_TOKEN=<token>"], min_entropy=3.5))

# ---- Secret managers / infrastructure as code
R.append(rule("terraform.cloud-api-token", "HCP Terraform / Terraform Enterprise API token (…atlasv1…) — runs, state and workspace access",
    "critical", r"(?i:token|tfe|tfc|terraform|atlas|credentials)[\w.-]{0,30}[\x22'\s:=>{]{1,24}([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})",
    [f'credentials "app.terraform.io" {{ token = "{r(ALNUM, 14)}.atlasv1.{r(B64URL, 67)}" }}', f"TFE_TOKEN={r(ALNUM, 14)}.atlasv1.{r(B64URL, 67)}"],
    ["TFE_TOKEN=" + r(ALNUM, 14) + ".atlasv1." + r(ALNUM, 10), "TFE_TOKEN=<token>"],
    "https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens", min_entropy=3.5))
for pfx, kid, what in [("hvs", "service-token", "service token — Vault access per the token's policies"),
                       ("hvb", "batch-token", "batch token — Vault access per the token's policies"),
                       ("hvr", "recovery-token", "recovery token — recovery-mode access to Vault storage")]:
    R.append(rule(f"vault.{kid}", f"HashiCorp Vault {what}", "critical", rf"\b({pfx}\.[A-Za-z0-9_-]{{24,400}})",
        [f"VAULT_TOKEN={pfx}.{r(ALNUM, 24)}", f"apikey: {pfx}.{r(B64URL, 90)}"],
        [f"{pfx}." + r(ALNUM, 10), f"{pfx}.<token>"],
        "https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes", min_entropy=3.5))
R.append(rule("vault.legacy-token", "HashiCorp Vault token (pre-1.10 s./b./r., named) — Vault access per the token's policies",
    "critical", r"(?i:vault|token)[\w.-]{0,30}[\x22'\s:=>]{1,24}([sbr]\.(?:[A-Za-z0-9]{24,30}|CAES[A-Za-z0-9_-]{60,400}))\b",
    [f'VAULT_CLIENT_TOKEN="s.{r(ALNUM, 24)}"', f'VAULT_TOKEN="b.{r(ALNUM, 24)}"', f'-vaultToken s.CAES{r(B64URL, 90)}"'],
    ["function(){s.addComponentsFromRegistry()}", "this._emitEOFToken()):(this._err(s.unexpectedCharacterAfterDoctypeSystemIdentifier)",
     "b.removeTransientObservers()"],
    "https://developer.hashicorp.com/vault/docs/concepts/tokens#token-prefixes", min_entropy=3.5))
R.append(rule("vault.unseal-key", "HashiCorp Vault unseal key share — with the threshold of shares unseals Vault",
    "critical", r"(?i:unseal key [0-9]{1,2}:|operator unseal|unseal_keys_b64\x22:\s{0,4}\[)[\s\x22]{0,10}([A-Za-z0-9+/]{44})" + T,
    [f"Unseal Key 2: {b64(33)}", f"vault operator unseal {b64(33)}"], ["vault operator unseal", "Unseal Key 1: <key>"],
    "https://developer.hashicorp.com/vault/docs/concepts/seal"))
R.append(named("consul.acl-token", "HashiCorp Consul ACL token (named) — Consul API access per the token's policies", "high",
    r"consul[_-]?(?:http[_-]?)?(?:acl[_-]?)?token", UUID_RX, uuid, "https://developer.hashicorp.com/consul/docs/security/acl/tokens",
    ["CONSUL_HTTP_TOKEN", "consul_acl_token"], ["CONSUL_HTTP_TOKEN=00000000-0000-0000-0000-000000000000", "CONSUL_HTTP_TOKEN=<token>"]))
R.append(named("nomad.acl-token", "HashiCorp Nomad ACL token (named secret ID) — Nomad API access per the token's policies", "high",
    r"nomad[_-]?(?:acl[_-]?)?token", UUID_RX, uuid, "https://developer.hashicorp.com/nomad/docs/concepts/acl",
    ["NOMAD_TOKEN", "nomad_token"], ["NOMAD_TOKEN=<token>"]))
R.append(named("hcp.client-secret", "HashiCorp Cloud Platform service principal client secret (named) — HCP API access", "high",
    r"hcp[_-]?client[_-]?secret", r"[A-Za-z0-9_-]{64}", lambda: r(B64URL, 64),
    "https://developer.hashicorp.com/hcp/docs/hcp/iam/service-principal", ["HCP_CLIENT_SECRET", "hcp_client_secret"],
    ["HCP_CLIENT_SECRET=" + r(ALNUM, 20)], min_entropy=3.5))
DOP = "https://docs.doppler.com/reference/api#authentication"
for kind, pfx, what in [("personal-token", "pt", "personal token — Doppler access as the user"),
                        ("cli-token", "ct", "CLI token — Doppler access as the user (CLI login)"),
                        ("service-account-token", "sa", "service account token — Doppler access per the account's roles"),
                        ("scim-token", "scim", "SCIM token — provisions workplace users"),
                        ("audit-token", "audit", "audit token — reads the workplace audit log")]:
    R.append(rule(f"doppler.{kind}", f"Doppler {what}", "high" if pfx in ("scim", "audit") else "critical",
        rf"\b(dp\.{pfx}\.[A-Za-z0-9]{{40,44}})\b", [f"DOPPLER_TOKEN=dp.{pfx}.{r(ALNUM, 43)}"],
        [f"dp.{pfx}." + r(ALNUM, 20), f"dp.{pfx}.<token>"], DOP, min_entropy=3.5))
R.append(rule("doppler.service-token", "Doppler service token (dp.st.) — reads the secrets of one config",
    "critical", r"\b(dp\.st\.(?:[a-z0-9_-]{2,35}\.)?[A-Za-z0-9]{40,44})\b",
    [f"DOPPLER_TOKEN=dp.st.dev.{r(ALNUM, 43)}", f"dp.st.{r(ALNUM, 43)}"], ["dp.st." + r(ALNUM, 10), "dp.st.prd.<token>"], DOP, min_entropy=3.5))
R.append(rule("pulumi.access-token", "Pulumi access token (pul-) — Pulumi Cloud state and deployments access",
    "critical", r"\b(pul-[0-9a-f]{40})\b", [f"PULUMI_ACCESS_TOKEN=pul-{hexs(40)}"], ["pul-" + hexs(20), "pul-<token>"],
    "https://www.pulumi.com/docs/pulumi-cloud/access-management/access-tokens/"))
R.append(rule("onepassword.service-account-token", "1Password service account token (ops_eyJ…) — reads vaults granted to the service account",
    "critical", r"\b(ops_eyJ[A-Za-z0-9+/=_-]{100,1000})", [f"OP_SERVICE_ACCOUNT_TOKEN=ops_eyJzaWduSW5BZGRyZXNzIjoibXkuMXBhc3N3b3JkLmNvbSIs{r(B64, 300)}"],
    ["ops_eyJ" + r(ALNUM, 30), "ops_<token>"], "https://developer.1password.com/docs/service-accounts/", min_entropy=4.0))
R.append(rule("bitwarden.sm-access-token", "Bitwarden Secrets Manager machine account access token — reads the project's secrets",
    "critical", r"\b(0\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[A-Za-z0-9]{30}:[A-Za-z0-9+/]{22}==)",
    [f"BWS_ACCESS_TOKEN=0.{uuid()}.{r(ALNUM, 30)}:{b64(16)}"], ["0." + uuid(), "0.<access-token>"],
    "https://bitwarden.com/help/access-tokens/"))
R.append(rule("infisical.service-token", "Infisical service token (st.) — reads the secrets of the project environment",
    "critical", r"\b(st\.[0-9a-f]{24}\.[0-9a-f]{32}\.[0-9a-f]{32})\b",
    [f"INFISICAL_TOKEN=st.{hexs(24)}.{hexs(32)}.{hexs(32)}"], ["st." + hexs(24), "st.<token>"],
    "https://infisical.com/docs/documentation/platform/token"))
R.append(rule("infisical.universal-auth-secret", "Infisical machine identity client secret (named) — authenticates the machine identity",
    "critical", r"(?i:infisical)[\w.-]{0,30}(?i:client[_-]?secret)[\x22'\s:=>]{1,24}([0-9a-f]{64})\b",
    [f"INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET={hexs(64)}"], ["INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET=<secret>"],
    "https://infisical.com/docs/documentation/platform/identities/universal-auth"))
R.append(rule("akeyless.access-key", "Akeyless access key (named) — authenticates the Akeyless access ID",
    "critical", r"(?i:akeyless)[\w.-]{0,30}(?i:access[_-]?key)[\x22'\s:=>]{1,24}([A-Za-z0-9+/]{43}=)",
    [f"AKEYLESS_ACCESS_KEY={b64(32)}"], ["AKEYLESS_ACCESS_KEY=<key>", "AKEYLESS_ACCESS_KEY=" + r(ALNUM, 20)],
    "https://docs.akeyless.io/docs/api-key"))

HEADER = """DumpSentry default rules: CI/CD, package registries, secret managers and IaC
(CircleCI, Travis, Jenkins, Buildkite, Sonar, Sentry, npm, PyPI, RubyGems, NuGet, crates.io, Docker Hub,
Artifactory, Terraform Cloud, Vault, Consul, Doppler, Pulumi, 1Password, Bitwarden, Infisical, ...).
Example values are randomly generated fakes (scripts/rulegen/ci.py); npm examples carry valid CRC32
tails, PyPI examples are well-formed macaroon prefixes with random bodies. Never real credentials."""

if __name__ == "__main__":
    import sys
    n = emit(sys.argv[1] if len(sys.argv) > 1 else "rules/ci-packages.yaml", HEADER, R)
    print(n, "rules")
