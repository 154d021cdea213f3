/**
 * Rampart's built-in default rule set, used when no CRS directory or rule file is configured, so a gateway is
 * protected on embedded defaults with no download. Its own rules (ids 7000000-7000999), written in SecLang with the
 * same operators as CRS and the same anomaly-scoring scheme: each detection adds to tx.anomaly_score, and the request
 * is denied when the score reaches tx.inbound_anomaly_score_threshold (5 unless the options set it).
 */
export const DEFAULT_RULES = String.raw`
SecRule &TX:inbound_anomaly_score_threshold "@eq 0" "id:7000001,phase:1,pass,nolog,setvar:tx.inbound_anomaly_score_threshold=5"
SecAction "id:7000002,phase:1,pass,nolog,setvar:tx.anomaly_score=0,setvar:tx.critical_anomaly_score=5,setvar:tx.warning_anomaly_score=3"

SecRule REQUEST_METHOD "!@within GET HEAD POST PUT PATCH DELETE OPTIONS" \
    "id:7000100,phase:1,block,t:none,msg:'Method is not allowed',logdata:'%{MATCHED_VAR}',tag:'rampart/protocol',tag:'attack-protocol',severity:'CRITICAL',setvar:'tx.anomaly_score=+%{tx.critical_anomaly_score}'"
SecRule REQUEST_URI_RAW|REQUEST_HEADERS "@rx [\x00]" \
    "id:7000101,phase:1,block,t:none,msg:'NUL byte in request line or headers',tag:'rampart/protocol',tag:'attack-protocol',severity:'CRITICAL',setvar:'tx.anomaly_score=+%{tx.critical_anomaly_score}'"
SecRule REQUEST_HEADERS:Content-Length "!@rx ^\d+$" \
    "id:7000102,phase:1,block,t:none,msg:'Content-Length is not a number',tag:'rampart/protocol',tag:'attack-protocol',severity:'CRITICAL',setvar:'tx.anomaly_score=+%{tx.critical_anomaly_score}'"
SecRule REQUEST_HEADERS:User-Agent "@pm sqlmap nikto nmap masscan nuclei dirbuster gobuster wpscan acunetix nessus zgrab" \
    "id:7000110,phase:1,block,t:none,t:lowercase,msg:'Security scanner user agent',logdata:'%{MATCHED_VAR}',tag:'rampart/scanner',tag:'attack-reputation-scanner',severity:'CRITICAL',setvar:'tx.anomaly_score=+%{tx.critical_anomaly_score}'"

SecRule REQBODY_ERROR "!@eq 0" \
    "id:7000200,phase:2,block,t:none,msg:'Request body could not be parsed',logdata:'%{REQBODY_ERROR_MSG}',tag:'rampart/protocol',tag:'attack-protocol',severity:'CRITICAL',setvar:'tx.anomaly_score=+%{tx.critical_anomaly_score}'"
SecRule REQUEST_URI_RAW|ARGS|ARGS_NAMES|REQUEST_HEADERS:Referer "@rx (?:^|[\\/])\.\.(?:[\\/]|$)" \
    "id:7000300,phase:2,block,t:none,t:urlDecodeUni,t:normalizePathWin,msg:'Path traversal',logdata:'%{MATCHED_VAR_NAME}',tag:'rampart/lfi',tag:'attack-lfi',severity:'CRITICAL',setvar:'tx.anomaly_score=+%{tx.critical_anomaly_score}'"
SecRule REQUEST_FILENAME|ARGS "@rx (?:etc/(?:passwd|shadow|group|hosts)|proc/self/(?:environ|cmdline)|win\.ini|boot\.ini|\.htaccess|\.git/|\.env$)" \
    "id:7000301,phase:2,block,t:none,t:urlDecodeUni,t:normalizePathWin,t:lowercase,msg:'Access to a sensitive OS or application file',logdata:'%{MATCHED_VAR_NAME}',tag:'rampart/lfi',tag:'attack-lfi',severity:'CRITICAL',setvar:'tx.anomaly_score=+%{tx.critical_anomaly_score}'"
SecRule ARGS|ARGS_NAMES|REQUEST_COOKIES|REQUEST_BODY "@detectSQLi" \
    "id:7000400,phase:2,block,t:none,t:urlDecodeUni,t:removeNulls,capture,msg:'SQL injection (token fingerprint)',logdata:'fingerprint %{TX.0} in %{MATCHED_VAR_NAME}',tag:'rampart/sqli',tag:'attack-sqli',severity:'CRITICAL',setvar:'tx.anomaly_score=+%{tx.critical_anomaly_score}'"
SecRule ARGS|ARGS_NAMES|REQUEST_COOKIES|REQUEST_HEADERS:Referer|REQUEST_HEADERS:User-Agent "@detectXSS" \
    "id:7000500,phase:2,block,t:none,t:urlDecodeUni,t:htmlEntityDecode,t:jsDecode,t:removeNulls,msg:'Cross-site scripting (HTML tokenizer)',logdata:'%{MATCHED_VAR_NAME}',tag:'rampart/xss',tag:'attack-xss',severity:'CRITICAL',setvar:'tx.anomaly_score=+%{tx.critical_anomaly_score}'"
SecRule ARGS|REQUEST_BODY "@rx (?:[;&|\x60]|\$\()\s*(?:cat|ls|id|whoami|uname|wget|curl|nc|bash|sh|python[0-9.]*|perl|powershell|cmd(?:\.exe)?)\b" \
    "id:7000600,phase:2,block,t:none,t:urlDecodeUni,t:cmdLine,msg:'Remote command execution: shell command after a separator',logdata:'%{MATCHED_VAR_NAME}',tag:'rampart/rce',tag:'attack-rce',severity:'CRITICAL',setvar:'tx.anomaly_score=+%{tx.critical_anomaly_score}'"
SecRule ARGS|REQUEST_HEADERS|REQUEST_BODY "@rx \$\{(?:jndi|env|sys|java|lower|upper|date|main|base64|::-)" \
    "id:7000601,phase:2,block,t:none,t:urlDecodeUni,t:lowercase,msg:'Log4Shell-style lookup (JNDI injection)',logdata:'%{MATCHED_VAR_NAME}',tag:'rampart/java',tag:'attack-rce',severity:'CRITICAL',setvar:'tx.anomaly_score=+%{tx.critical_anomaly_score}'"
SecRule ARGS "@rx ^(?:file|gopher|dict|php|expect|jar|ldap)://" \
    "id:7000700,phase:2,block,t:none,t:urlDecodeUni,t:lowercase,msg:'Remote file inclusion or SSRF scheme in a parameter',logdata:'%{MATCHED_VAR_NAME}',tag:'rampart/rfi',tag:'attack-rfi',severity:'CRITICAL',setvar:'tx.anomaly_score=+%{tx.critical_anomaly_score}'"
SecRule ARGS "@rx ^https?://(?:169\.254\.169\.254|metadata\.google\.internal|100\.100\.100\.200)" \
    "id:7000701,phase:2,block,t:none,t:urlDecodeUni,t:lowercase,msg:'SSRF to a cloud metadata service',logdata:'%{MATCHED_VAR_NAME}',tag:'rampart/ssrf',tag:'attack-ssrf',severity:'CRITICAL',setvar:'tx.anomaly_score=+%{tx.critical_anomaly_score}'"

SecRule TX:ANOMALY_SCORE "@ge %{tx.inbound_anomaly_score_threshold}" \
    "id:7000999,phase:2,deny,status:403,t:none,msg:'Inbound anomaly score exceeded (total %{TX.ANOMALY_SCORE})',tag:'rampart/blocking'"
`;
