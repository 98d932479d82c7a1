rule av_voice_changer_installed {
  meta:
    tool = "AV Voice Changer" category = "voice changer" strength = "installed"
    reference = "signatures-research.md: vcscore.exe, services vcs / VCSVADHWSer"
  condition:
    (artifact == "file" and filename matches /^vcscore\.exe$/i) or
    (artifact == "registry" and filename matches /^(vcs|VCSVADHWSer)$/i)
}

rule av_voice_changer_installer {
  meta:
    tool = "AV Voice Changer" category = "voice changer" strength = "installer"
    reference = "signatures-research.md: VCS_Diamond.*.exe"
  condition:
    artifact == "file" and filename matches /^VCS_Diamond.*\.exe$/i
}
