rule morphvox_installed {
  meta:
    tool = "MorphVOX" category = "voice changer" strength = "installed"
    reference = "signatures-research.md: Program Files (x86)\\Screaming Bee\\MorphVOX Pro\\MorphVOXPro.exe"
  condition:
    artifact == "file" and filepath matches /(^|\/)Screaming Bee\/MorphVOX( Pro)?\/MorphVOX(Pro)?\.exe$/i
}

rule morphvox_audio_service {
  meta:
    tool = "MorphVOX" category = "voice changer" strength = "installed"
    reference = "signatures-research.md: SBAudioInstall.exe, service ScreamBAudioSvc"
  condition:
    (artifact == "file" and filename matches /^SBAudioInstall\.exe$/i) or
    (artifact == "registry" and filename matches /^ScreamBAudioSvc$/i)
}
