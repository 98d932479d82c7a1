rule voicemod_installed {
  meta:
    tool = "Voicemod" category = "voice changer" strength = "installed"
    reference = "signatures-research.md: Program Files\\Voicemod Desktop\\VoicemodDesktop.exe, Voicemod V3"
  condition:
    artifact == "file" and
    filepath matches /(^|\/)(Program Files\/Voicemod (Desktop|V3)\/Voicemod(Desktop)?\.exe|AppData\/Local\/VoicemodV3\/app\/last\/Voicemod\.exe)$/i
}

rule voicemod_installer {
  meta:
    tool = "Voicemod" category = "voice changer" strength = "installer"
    reference = "signatures-research.md: installers VoicemodSetup_*.exe"
  condition:
    artifact == "file" and filename matches /^VoicemodSetup.*\.exe$/i
}

rule voicemod_driver {
  meta:
    tool = "Voicemod" category = "voice changer" strength = "installed"
    reference = "signatures-research.md: driver vmdrv.sys, Voicemod Virtual Audio Device (WDM)"
  condition:
    (artifact == "file" and filename matches /^vmdrv\.sys$/i) or
    (artifact == "registry" and filename matches /^vmdrv$/i)
}

rule voicemod_uninstall_entry {
  meta:
    tool = "Voicemod" category = "voice changer" strength = "installed" indicator = "registry"
    reference = "Uninstall key DisplayName of the Voicemod installer"
  strings:
    $name = /DisplayName=Voicemod/ nocase
  condition:
    artifact == "registry" and $name
}
