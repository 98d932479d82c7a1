rule roop_deep_live_cam {
  meta:
    tool = "roop / Deep-Live-Cam" category = "face swap" strength = "configured"
    reference = "s0md3v/roop, hacksider/Deep-Live-Cam: models/inswapper_128(_fp16).onnx, models/GFPGANv1.4.pth"
  condition:
    artifact == "file" and filepath matches /(^|\/)models\/(inswapper_128(_fp16)?\.onnx|GFPGANv1\.4\.pth)$/i
}

rule deep_live_cam_installed {
  meta:
    tool = "roop / Deep-Live-Cam" category = "face swap" strength = "installed"
    reference = "hacksider/Deep-Live-Cam: run-cuda.bat next to modules/"
  condition:
    artifact == "file" and filepath matches /(^|\/)(Deep-Live-Cam|roop)[^\/]*\/(run-cuda|run)\.(bat|py)$/i
}

rule insightface_buffalo {
  meta:
    tool = "roop / Deep-Live-Cam" category = "face swap" strength = "configured"
    reference = "signatures-research.md: ~/.insightface/models/buffalo_l"
  condition:
    artifact == "file" and filepath matches /(^|\/)\.insightface\/models\/buffalo_l\//i
}
