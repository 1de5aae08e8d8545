using Silk.NET.OpenGL;

namespace CircuitSim.Viz.Rendering;

/// <summary>
/// Draws a <see cref="DrawList"/> with OpenGL 3.3 core: one shader, one unit quad, one instance buffer
/// (allocated once at the list's capacity, refilled with BufferSubData), one draw call per frame, into
/// a framebuffer object of the frame's size. The window shows that framebuffer by a blit; screenshots
/// read it back, so a frame on screen and a frame on disk are the same pixels.
/// </summary>
internal sealed unsafe class GlRenderer : IDisposable
{
    private const string VertexSource = """
        #version 330 core
        layout(location = 0) in vec2 corner;
        layout(location = 1) in vec4 rect;
        layout(location = 2) in vec4 uv;
        layout(location = 3) in vec4 colour;
        uniform vec2 viewport;
        out vec2 vUv;
        out vec4 vColour;
        flat out int vSolid;
        void main()
        {
            vec2 p = rect.xy + corner * rect.zw;
            gl_Position = vec4(p.x / viewport.x * 2.0 - 1.0, 1.0 - p.y / viewport.y * 2.0, 0.0, 1.0);
            vUv = mix(uv.xy, uv.zw, corner);
            vColour = colour;
            vSolid = uv.z < 0.0 ? 1 : 0;
        }
        """;

    private const string FragmentSource = """
        #version 330 core
        in vec2 vUv;
        in vec4 vColour;
        flat in int vSolid;
        uniform sampler2D atlas;
        out vec4 fragColour;
        void main()
        {
            float a = vSolid == 1 ? 1.0 : texture(atlas, vUv).r;
            fragColour = vec4(vColour.rgb, vColour.a * a);
        }
        """;

    private readonly GL _gl;
    private readonly uint _program, _vao, _quad, _instances, _atlas, _fbo, _colour;
    private readonly int _viewport;
    private readonly int _capacity;
    public int Width { get; }
    public int Height { get; }
    /// <summary>The OpenGL renderer's name (e.g. "llvmpipe (LLVM 15.0.6, 256 bits)").</summary>
    public string RendererName { get; }

    public GlRenderer(GL gl, GlyphAtlas atlas, int width, int height, int capacity)
    {
        _gl = gl;
        Width = width;
        Height = height;
        _capacity = capacity;
        RendererName = gl.GetStringS(StringName.Renderer) ?? "unknown";
        _program = Link(Compile(ShaderType.VertexShader, VertexSource), Compile(ShaderType.FragmentShader, FragmentSource));
        _viewport = gl.GetUniformLocation(_program, "viewport");

        _vao = gl.GenVertexArray();
        gl.BindVertexArray(_vao);
        _quad = gl.GenBuffer();
        gl.BindBuffer(BufferTargetARB.ArrayBuffer, _quad);
        ReadOnlySpan<float> corners = stackalloc float[] { 0, 0, 1, 0, 0, 1, 1, 1 };
        gl.BufferData(BufferTargetARB.ArrayBuffer, corners, BufferUsageARB.StaticDraw);
        gl.VertexAttribPointer(0, 2, VertexAttribPointerType.Float, false, 2 * sizeof(float), (void*)0);
        gl.EnableVertexAttribArray(0);

        _instances = gl.GenBuffer();
        gl.BindBuffer(BufferTargetARB.ArrayBuffer, _instances);
        gl.BufferData(BufferTargetARB.ArrayBuffer, (nuint)(capacity * DrawList.Stride * sizeof(float)), null, BufferUsageARB.StreamDraw);
        uint stride = DrawList.Stride * sizeof(float);
        for (uint a = 1; a <= 3; a++)
        {
            gl.VertexAttribPointer(a, 4, VertexAttribPointerType.Float, false, stride, (void*)((a - 1) * 4 * sizeof(float)));
            gl.EnableVertexAttribArray(a);
            gl.VertexAttribDivisor(a, 1);
        }

        _atlas = gl.GenTexture();
        gl.BindTexture(TextureTarget.Texture2D, _atlas);
        gl.PixelStore(PixelStoreParameter.UnpackAlignment, 1);
        gl.TexImage2D<byte>(TextureTarget.Texture2D, 0, InternalFormat.R8, (uint)atlas.Width, (uint)atlas.Height, 0,
            PixelFormat.Red, PixelType.UnsignedByte, atlas.Pixels);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, (int)TextureMinFilter.Nearest);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, (int)TextureMagFilter.Nearest);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapS, (int)TextureWrapMode.ClampToEdge);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapT, (int)TextureWrapMode.ClampToEdge);

        _fbo = gl.GenFramebuffer();
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, _fbo);
        _colour = gl.GenRenderbuffer();
        gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, _colour);
        gl.RenderbufferStorage(RenderbufferTarget.Renderbuffer, InternalFormat.Rgba8, (uint)width, (uint)height);
        gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, FramebufferAttachment.ColorAttachment0, RenderbufferTarget.Renderbuffer, _colour);
        var status = gl.CheckFramebufferStatus(FramebufferTarget.Framebuffer);
        if (status != GLEnum.FramebufferComplete) throw new VizException($"OpenGL: the frame buffer is incomplete ({status})");
        Check("setting up");
    }

    private uint Compile(ShaderType type, string source)
    {
        uint s = _gl.CreateShader(type);
        _gl.ShaderSource(s, source);
        _gl.CompileShader(s);
        _gl.GetShader(s, ShaderParameterName.CompileStatus, out int ok);
        if (ok == 0) throw new VizException($"OpenGL: the {type} does not compile: {_gl.GetShaderInfoLog(s)}");
        return s;
    }

    private uint Link(uint vs, uint fs)
    {
        uint p = _gl.CreateProgram();
        _gl.AttachShader(p, vs);
        _gl.AttachShader(p, fs);
        _gl.LinkProgram(p);
        _gl.GetProgram(p, ProgramPropertyARB.LinkStatus, out int ok);
        if (ok == 0) throw new VizException($"OpenGL: the shaders do not link: {_gl.GetProgramInfoLog(p)}");
        _gl.DeleteShader(vs);
        _gl.DeleteShader(fs);
        return p;
    }

    private void Check(string doing)
    {
        var e = _gl.GetError();
        if (e != GLEnum.NoError) throw new VizException($"OpenGL error {e} while {doing}");
    }

    /// <summary>Draws the list into the frame buffer, over the background colour.</summary>
    public void Draw(DrawList list, Rgba background)
    {
        var gl = _gl;
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, _fbo);
        gl.Viewport(0, 0, (uint)Width, (uint)Height);
        gl.ClearColor(background.R, background.G, background.B, 1);
        gl.Clear(ClearBufferMask.ColorBufferBit);
        gl.Enable(EnableCap.Blend);
        gl.BlendFunc(BlendingFactor.SrcAlpha, BlendingFactor.OneMinusSrcAlpha);
        gl.UseProgram(_program);
        gl.Uniform2(_viewport, (float)Width, Height);
        gl.ActiveTexture(TextureUnit.Texture0);
        gl.BindTexture(TextureTarget.Texture2D, _atlas);
        gl.BindVertexArray(_vao);
        gl.BindBuffer(BufferTargetARB.ArrayBuffer, _instances);
        int n = Math.Min(list.Count, _capacity);
        if (n > 0)
        {
            gl.BufferSubData<float>(BufferTargetARB.ArrayBuffer, 0, list.Data.AsSpan(0, n * DrawList.Stride));
            gl.DrawArraysInstanced(PrimitiveType.TriangleStrip, 0, 4, (uint)n);
        }
        Check("drawing");
    }

    /// <summary>Copies the frame into the window's own frame buffer, scaled to its size.</summary>
    public void Present(int windowWidth, int windowHeight)
    {
        _gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, _fbo);
        _gl.BindFramebuffer(FramebufferTarget.DrawFramebuffer, 0);
        _gl.BlitFramebuffer(0, 0, Width, Height, 0, 0, windowWidth, windowHeight, ClearBufferMask.ColorBufferBit, BlitFramebufferFilter.Linear);
        _gl.BindFramebuffer(FramebufferTarget.Framebuffer, _fbo);
    }

    /// <summary>Reads the frame into <paramref name="rgba"/> (Width·Height·4 bytes), rows top to bottom.</summary>
    public void ReadPixels(byte[] rgba, byte[] scratchRow)
    {
        _gl.BindFramebuffer(FramebufferTarget.ReadFramebuffer, _fbo);
        _gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
        _gl.ReadPixels<byte>(0, 0, (uint)Width, (uint)Height, PixelFormat.Rgba, PixelType.UnsignedByte, rgba);
        Check("reading the frame");
        // OpenGL's rows run bottom to top
        int row = Width * 4;
        for (int y = 0; y < Height / 2; y++)
        {
            var a = rgba.AsSpan(y * row, row);
            var b = rgba.AsSpan((Height - 1 - y) * row, row);
            a.CopyTo(scratchRow);
            b.CopyTo(a);
            scratchRow.AsSpan(0, row).CopyTo(b);
        }
    }

    /// <summary>Waits until the frame is drawn (for timing).</summary>
    public void Finish() => _gl.Finish();

    public void Dispose()
    {
        _gl.DeleteFramebuffer(_fbo);
        _gl.DeleteRenderbuffer(_colour);
        _gl.DeleteTexture(_atlas);
        _gl.DeleteBuffer(_instances);
        _gl.DeleteBuffer(_quad);
        _gl.DeleteVertexArray(_vao);
        _gl.DeleteProgram(_program);
    }
}
