rule microsip_installed {
  meta:
    tool = "MicroSIP" category = "softphone" strength = "installed"
    reference = "MicroSIP: microsip.exe; %APPDATA%\\MicroSIP\\MicroSIP.ini"
  condition:
    artifact == "file" and (filename matches /^microsip\.exe$/i or filepath matches /(^|\/)MicroSIP\/MicroSIP\.ini$/i)
}

rule microsip_call_history {
  meta:
    tool = "MicroSIP" category = "softphone" strength = "used" indicator = "content"
    reference = "signatures-research.md: MicroSIP.ini [Calls] n=number;name;type;unixtime;duration;info"
  strings:
    $calls = /\[Calls\]\r?\n[0-9]+=/
  condition:
    artifact == "file" and filename matches /^MicroSIP\.ini$/i and $calls
}

rule zoiper_configured {
  meta:
    tool = "Zoiper" category = "softphone" strength = "configured"
    reference = "signatures-research.md: Zoiper5 Config.xml (accounts set up)"
  condition:
    artifact == "file" and filepath matches /(^|\/)Zoiper5?\/Config\.xml$/i
}

rule zoiper_installed {
  meta:
    tool = "Zoiper" category = "softphone" strength = "installed"
    reference = "Zoiper5.exe / Zoiper.exe"
  condition:
    artifact == "file" and filename matches /^Zoiper5?\.exe$/i
}

rule threecx {
  meta:
    tool = "3CX" category = "softphone" strength = "installed"
    reference = "3CX Desktop App / 3CXPhone for Windows executables"
  condition:
    artifact == "file" and filename matches /^(3CXDesktopApp|3CXPhone|3CXWin8Phone)\.exe$/i
}

rule xlite_bria {
  meta:
    tool = "X-Lite / Bria" category = "softphone" strength = "installed"
    reference = "CounterPath X-Lite and Bria executables"
  condition:
    artifact == "file" and filename matches /^(X-Lite|Bria[0-9 ]*|BriaSolo)\.exe$/i
}

rule linphone_history {
  meta:
    tool = "Linphone" category = "softphone" strength = "used"
    reference = "signatures-research.md: linphone.db, call-history.db (the call history)"
  condition:
    artifact == "file" and filepath matches /(^|\/)(linphone|org\.linphone)\/(files\/)?(linphone|call-history)\.db$/i
}

rule linphone_app {
  meta:
    tool = "Linphone" category = "softphone" strength = "installed"
    reference = "Linphone for Android (package org.linphone) and Windows (linphone.exe)"
  condition:
    (artifact == "package" and filepath == "org.linphone") or (artifact == "file" and filename matches /^linphone\.exe$/i)
}
