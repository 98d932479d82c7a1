rule avatarify {
  meta:
    tool = "Avatarify" category = "face swap" strength = "configured"
    reference = "alievk/avatarify-python: afy/cam_fomm.py, vox-adv-cpk.pth.tar"
  condition:
    artifact == "file" and (filepath matches /(^|\/)afy\/cam_fomm\.py$/i or filename == "vox-adv-cpk.pth.tar")
}
