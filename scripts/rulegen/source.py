"""Source hosting rules -> rules/source-hosting.yaml"""
from common import *

TU = r"(?:[^A-Za-z0-9_-]|$)"
R = []
GH = "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github#githubs-token-formats"
GHB = "https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/"

for pfx, kid, what, sev in [
        ("ghp", "pat-classic", "personal access token (classic) — repository and account access per scopes", "critical"),
        ("gho", "oauth-token", "OAuth access token — acts as the user for the OAuth app's scopes", "high"),
        ("ghu", "user-to-server-token", "GitHub App user-to-server token — acts as the user through the app", "high"),
        ("ghs", "installation-token", "GitHub App installation (server-to-server) token — repository access of the installation", "high")]:
    ex = [f"GITHUB_TOKEN={crc_token(pfx + '_')}", f"git clone https://x-access-token:{crc_token(pfx + '_')}@github.com/org/repo.git",
          f"\"token\": \"{crc_token(pfx + '_')}\""]
    R.append(rule(f"github.{kid}", f"GitHub {what}", sev, rf"\b({pfx}_[A-Za-z0-9]{{36}})\b", ex,
        [f"{pfx}_" + "x" * 36, f"{pfx}_" + r(ALNUM, 30), f"{pfx}x" + r(ALNUM, 36), "${{ secrets.GITHUB_TOKEN }}"],
        [GH, GHB], validate="github-crc32", on_invalid="lower"))
R.append(rule("github.refresh-token", "GitHub App refresh token (ghr_) — mints new user-to-server tokens",
    "high", r"\b(ghr_[A-Za-z0-9]{36,76})\b",
    [f'"refresh_token": "{crc_token("ghr_")}"', f"ghr_{r(ALNUM, 76)}"],
    ["ghr_" + r(ALNUM, 20), "ghr_" + "0" * 36],
    [GH, "https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens"],
    min_entropy=3.5))
R.append(rule("github.fine-grained-pat", "GitHub fine-grained personal access token — repository access per token permissions",
    "critical", r"\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b",
    [f"GH_TOKEN=github_pat_11{r(ALNUM, 20)}_{r(ALNUM, 59)}"], ["github_pat_" + r(ALNUM, 22), "github_pat_<token>"],
    [GH], min_entropy=3.5))
R.append(rule("github.oauth-client-secret", "GitHub OAuth/GitHub App client secret (named) — acts as the OAuth app in token exchange",
    "high", r"(?i:github|gh)[\w.-]{0,20}(?i:secret)[\w.-]{0,10}[\x22'\s:=>]{1,24}([0-9a-f]{40})\b",
    [f"GITHUB_CLIENT_ID=Iv1.{hexs(16)}\nGITHUB_SECRET={hexs(40)}", f'"github_client_secret": "{hexs(40)}"'],
    ["GITHUB_SECRET=" + hexs(32), "GITHUB_SECRET=<secret>"],
    "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps"))

GL = "https://docs.gitlab.com/ee/security/tokens/#token-prefixes"
for pfx, kid, what, sev, body in [
        ("glpat-", "personal-access-token", "personal/project/group access token — API and repository access per scopes", "critical", r"[A-Za-z0-9_-]{20,300}(?:\.[0-9a-z]{2}\.[0-9a-z]{7,9})?"),
        ("gldt-", "deploy-token", "deploy token — repository/registry/package read (or write) access", "high", r"[A-Za-z0-9_-]{20,300}"),
        ("glrt-", "runner-token", "runner authentication token — picks up CI jobs (and their secrets)", "high", r"[A-Za-z0-9_.-]{20,300}"),
        ("glptt-", "pipeline-trigger-token", "pipeline trigger token — triggers pipelines on the project", "medium", r"[A-Za-z0-9_-]{20,64}"),
        ("glcbt-", "ci-job-token", "CI/CD job token — API access of the running job", "medium", r"[0-9a-fA-F]{1,5}_[A-Za-z0-9_-]{20,300}"),
        ("gloas-", "oauth-app-secret", "OAuth application secret — acts as the OAuth app", "high", r"[A-Za-z0-9_-]{64}"),
        ("glsoat-", "scim-token", "SCIM token — provisions and deprovisions group members", "high", r"[A-Za-z0-9_-]{20,300}"),
        ("glffct-", "feature-flags-client-token", "feature flags client token — reads feature flag configuration", "low", r"[A-Za-z0-9_-]{20,300}"),
        ("glft-", "feed-token", "feed token — reads RSS/Atom and calendar feeds as the user", "medium", r"[A-Za-z0-9_-]{20,300}"),
        ("glimt-", "incoming-mail-token", "incoming mail token — creates issues/merge requests by e-mail as the user", "medium", r"[A-Za-z0-9_-]{25,300}"),
        ("glagent-", "agent-token", "agent for Kubernetes token — connects a cluster agent to GitLab", "high", r"[A-Za-z0-9_-]{50,300}")]:
    if pfx == "glcbt-":
        mk = lambda: f"glcbt-{r(HEX, 2)}_{r(ALNUM, 20)}"
    elif pfx == "gloas-":
        mk = lambda: "gloas-" + hexs(64)
    elif pfx == "glagent-":
        mk = lambda: "glagent-" + r(ALNUM, 50)
    elif pfx == "glpat-":
        mk = lambda: "glpat-" + r(ALNUM, 20)
    else:
        mk = lambda p=pfx: p + r(ALNUM, 25 if p == "glimt-" else 20)
    ex = [f"GITLAB_TOKEN={mk()}", f"--header 'PRIVATE-TOKEN: {mk()}'"]
    if pfx == "glpat-":
        ex.append(f"glpat-{r(B64URL, 27)}.01.{r(LOWALNUM, 9)}")
    R.append(rule(f"gitlab.{kid}", f"GitLab {what}", sev, r"\b(" + re_escape(pfx) + body + ")",
        ex, [pfx + "xxxxxxxxxxxxxxxxxxxx", pfx + r(ALNUM, 8), pfx + "<your-token>"], GL, min_entropy=3.0))
R.append(rule("gitlab.runner-registration-token", "GitLab runner registration token (GR1348941…) — registers runners that receive CI jobs",
    "high", r"\b(GR1348941[A-Za-z0-9_-]{20})",
    [f'--registration-token "GR1348941{r(B64URL, 20)}"'], ["GR1348941" + r(ALNUM, 8), "GR1348941xxxxxxxxxxxxxxxxxxxx"], GL, min_entropy=3.0))
R.append(rule("gitlab.session-cookie", "GitLab session cookie (_gitlab_session) — logged-in web session of the user",
    "high", r"\b_gitlab_session=([0-9a-f]{32})\b",
    [f"Cookie: _gitlab_session={hexs(32)}; path=/"], ["_gitlab_session=" + hexs(20), "_gitlab_session=<cookie>"], GL))

R.append(rule("bitbucket.app-password", "Bitbucket app password (ATBB…) — Bitbucket API/Git access per permissions",
    "high", r"\b(ATBB[A-Za-z0-9_=.-]{32})\b",
    [f"git ls-remote https://user:ATBB{r(ALNUM, 32)}@bitbucket.org/team/repo", f"BITBUCKET_APP_PASSWORD=ATBB{r(ALNUM, 32)}"],
    ["ATBB" + r(ALNUM, 16), "ATBBxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
    "https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/", min_entropy=3.5))
R.append(rule("bitbucket.access-token", "Bitbucket repository/project/workspace access token (ATCTT…) — API and Git access per scopes",
    "high", r"\b(ATCTT3xFfGN0[A-Za-z0-9_=+/-]{100,300})",
    [f"BITBUCKET_ACCESS_TOKEN=ATCTT3xFfGN0{r(B64URL, 170)}"], ["ATCTT3xFfGN0" + r(ALNUM, 20)],
    "https://support.atlassian.com/bitbucket-cloud/docs/access-tokens/", min_entropy=3.5))
R.append(rule("atlassian.api-token", "Atlassian API token (ATATT3…) — Jira/Confluence/Bitbucket Cloud REST access as the user",
    "high", r"\b(ATATT3[A-Za-z0-9_=-]{150,300})",
    [f"JIRA_API_TOKEN=ATATT3xFfGF0{r(B64URL, 170)}={r(UPHEX, 8)}", f"api_token = 'ATATT3xFfGF0{r(B64URL, 170)}={r(UPHEX, 8)}'"],
    ["ATATT3" + r(ALNUM, 40), "ATATT3<token>"],
    "https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/", min_entropy=4.0))
R.append(rule("bitbucket.oauth-secret", "Bitbucket OAuth consumer secret (named) — acts as the OAuth consumer",
    "high", r"(?i:bitbucket)[\w.-]{0,20}(?i:secret)[\w.-]{0,10}[\x22'\s:=>]{1,24}([A-Za-z0-9]{32})\b",
    [f"BITBUCKET_CLIENT_SECRET={r(ALNUM, 32)}"], ["BITBUCKET_CLIENT_SECRET=" + r(ALNUM, 20), "BITBUCKET_CLIENT_SECRET=<secret>"],
    "https://support.atlassian.com/bitbucket-cloud/docs/use-oauth-on-bitbucket-cloud/", min_entropy=3.5))
R.append(rule("gitea.access-token", "Gitea / Forgejo / Codeberg access token (named) — API and Git access of the user",
    "high", r"(?i:gitea|forgejo|codeberg)[\w.-]{0,20}(?i:token|key|password)[\x22'\s:=>]{1,24}([0-9a-f]{40})\b",
    [f"GITEA_TOKEN={hexs(40)}", f'forgejo_access_token: "{hexs(40)}"'], ["GITEA_TOKEN=" + hexs(32), "GITEA_TOKEN=<token>"],
    "https://docs.gitea.com/development/api-usage#generating-and-listing-api-tokens"))
R.append(rule("sourcegraph.access-token", "Sourcegraph access token (sgp_) — Sourcegraph API access as the user",
    "high", r"\b(sgp_(?:[0-9a-f]{16}_|local_)?[0-9a-f]{40})\b",
    [f"SRC_ACCESS_TOKEN=sgp_{hexs(16)}_{hexs(40)}", f"access token sgp_{hexs(40)}", f"token sgp_local_{hexs(40)}"],
    ["sgp_" + hexs(30), "sgp_<token>"], "https://sourcegraph.com/docs/cli/how-tos/creating_an_access_token"))
R.append(rule("sourcegraph.legacy-token", "Sourcegraph access token (legacy, named) — Sourcegraph API access as the user",
    "medium", r"(?i:sourcegraph|src)[_-]?(?i:access)?[_-]?(?i:token)[\x22'\s:=>]{1,24}([0-9a-f]{40})\b",
    [f"SRC_ACCESS_TOKEN={hexs(40)}"], ["SRC_ACCESS_TOKEN=" + hexs(30)],
    "https://sourcegraph.com/docs/cli/how-tos/creating_an_access_token"))
R.append(rule("phabricator.conduit-token", "Phabricator/Phorge Conduit API token (api-…) — Conduit API access as the user",
    "medium", r"\b(api-[a-z0-9]{28})\b",
    [f'"token": "api-{r(LOWALNUM, 28)}"'], ["api-" + r(LOWALNUM, 20), "api-version-2023-01-01-preview-x"],
    "https://secure.phabricator.com/book/phabricator/article/conduit/", min_entropy=3.8))
R.append(rule("gerrit.http-password", "Gerrit HTTP password (named) — Git/REST access to Gerrit as the user",
    "medium", r"(?i:gerrit)[\w.-]{0,20}(?i:password|token)[\x22'\s:=>]{1,24}([A-Za-z0-9+/]{42})" + r"(?:[^A-Za-z0-9+/=]|$)",
    [f"GERRIT_HTTP_PASSWORD={r(B64, 42)}"], ["GERRIT_HTTP_PASSWORD=" + r(ALNUM, 20), "GERRIT_PASSWORD=<password>"],
    "https://gerrit-review.googlesource.com/Documentation/user-upload.html#http"))

HEADER = """DumpSentry default rules: source hosting (GitHub, GitLab, Bitbucket, Gitea/Forgejo, Sourcegraph, ...).
Azure DevOps PATs live in cloud.yaml. Example values are randomly generated fakes
(scripts/rulegen/source.py); GitHub examples carry valid CRC32 tails, never real credentials."""

if __name__ == "__main__":
    import sys
    n = emit(sys.argv[1] if len(sys.argv) > 1 else "rules/source-hosting.yaml", HEADER, R)
    print(n, "rules")
