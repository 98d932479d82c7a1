rule manycam {
  meta:
    tool = "ManyCam" category = "virtual camera/audio" strength = "installed"
    reference = "ManyCam installer: Program Files\\ManyCam\\ManyCam.exe; Uninstall DisplayName ManyCam"
  strings:
    $name = "DisplayName=ManyCam" nocase
  condition:
    (artifact == "file" and filepath matches /(^|\/)ManyCam\/ManyCam\.exe$/i) or (artifact == "registry" and $name)
}

rule obs_virtual_camera {
  meta:
    tool = "OBS Virtual Camera" category = "virtual camera/audio" strength = "installed"
    reference = "obsproject/obs-studio: data/obs-plugins/win-dshow/obs-virtualcam-module64.dll"
  condition:
    artifact == "file" and filename matches /^obs-virtualcam-module(32|64)?\.dll$/i
}

rule vb_cable {
  meta:
    tool = "VB-Cable" category = "virtual camera/audio" strength = "installed"
    reference = "VB-Audio Virtual Cable: driver vbaudio_cable64_win*.sys; Uninstall DisplayName VB:Audio Virtual Cable"
  strings:
    $name = /DisplayName=VB:?-?Audio Virtual Cable/ nocase
  condition:
    (artifact == "file" and filename matches /^vbaudio_cable(64|a64)?_win[0-9]*\.sys$/i) or (artifact == "registry" and $name)
}

rule voicemeeter {
  meta:
    tool = "Voicemeeter" category = "virtual camera/audio" strength = "installed"
    reference = "VB-Audio Voicemeeter: Program Files (x86)\\VB\\Voicemeeter\\voicemeeter*.exe"
  strings:
    $name = /DisplayName=VB[:-]?Audio Voicemeeter/ nocase
  condition:
    (artifact == "file" and filepath matches /(^|\/)VB\/Voicemeeter\/voicemeeter[^\/]*\.exe$/i) or (artifact == "registry" and $name)
}
